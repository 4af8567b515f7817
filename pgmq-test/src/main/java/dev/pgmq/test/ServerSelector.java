package dev.pgmq.test;

import java.util.Map;
import java.util.function.BooleanSupplier;

/** Decides which {@link ServerKind} the tests use; pure logic, no side effects. */
public final class ServerSelector {

  /** Environment variable holding a JDBC URL of a PostgreSQL server to run the tests on. */
  public static final String URL_VARIABLE = "PGMQ_TEST_JDBC_URL";

  private ServerSelector() {}

  /**
   * Chooses the server: the environment URL when set and not blank; else a container when Docker
   * answers; else the embedded server. The Docker probe is only consulted when needed.
   */
  public static ServerKind select(
      Map<String, String> environment, BooleanSupplier dockerAvailable) {
    String url = environment.get(URL_VARIABLE);
    if (url != null && !url.isBlank()) {
      return ServerKind.ENVIRONMENT;
    }
    return dockerAvailable.getAsBoolean() ? ServerKind.CONTAINER : ServerKind.EMBEDDED;
  }
}
