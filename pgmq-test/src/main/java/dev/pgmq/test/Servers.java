package dev.pgmq.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** Starts (once per JVM) and hands out the server {@link ServerSelector} chose. */
public final class Servers {

  /** The PGMQ image used when a Docker engine is available; override with PGMQ_TEST_IMAGE. */
  public static final String PGMQ_IMAGE = "ghcr.io/pgmq/pg17-pgmq:v1.7.0";

  private static DatabaseServer server;

  private Servers() {}

  /** The server for this JVM, started on first call. */
  public static synchronized DatabaseServer get() {
    if (server == null) {
      ServerKind kind = ServerSelector.select(System.getenv(), Servers::dockerAvailable);
      server = start(kind);
    }
    return server;
  }

  /** Starts a server of the given kind (the environment URL is read from the environment). */
  static DatabaseServer start(ServerKind kind) {
    return switch (kind) {
      case ENVIRONMENT ->
          JdbcUrls.parse(System.getenv(ServerSelector.URL_VARIABLE), ServerKind.ENVIRONMENT);
      case CONTAINER -> startContainer();
      case EMBEDDED -> startEmbedded();
    };
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static DatabaseServer startContainer() {
    String image = System.getenv().getOrDefault("PGMQ_TEST_IMAGE", PGMQ_IMAGE);
    @SuppressWarnings("resource") // stopped by Testcontainers when the JVM exits
    PostgreSQLContainer container =
        new PostgreSQLContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"))
            .withCommand("postgres", "-c", "max_connections=300");
    container.start();
    return new DatabaseServer(
        ServerKind.CONTAINER,
        container.getHost(),
        container.getMappedPort(5432),
        container.getDatabaseName(),
        container.getUsername(),
        container.getPassword(),
        "");
  }

  private static DatabaseServer startEmbedded() {
    try {
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      pg.close();
                    } catch (IOException ignored) {
                      // the JVM is exiting
                    }
                  }));
      return new DatabaseServer(
          ServerKind.EMBEDDED, "localhost", pg.getPort(), "postgres", "postgres", "", "");
    } catch (IOException e) {
      throw new UncheckedIOException("could not start embedded PostgreSQL", e);
    }
  }
}
