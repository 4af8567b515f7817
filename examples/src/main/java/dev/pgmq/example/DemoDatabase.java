package dev.pgmq.example;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The database a demo or benchmark runs on: the server named by {@code PGMQ_JDBC_URL} when set,
 * else an embedded PostgreSQL started for the run and stopped by {@link #close()}.
 */
public final class DemoDatabase implements AutoCloseable {

  /** Environment variable naming a JDBC URL (credentials as URL parameters) to run on. */
  public static final String URL_VARIABLE = "PGMQ_JDBC_URL";

  private final String jdbcUrl;
  private final EmbeddedPostgres embedded;

  private DemoDatabase(String jdbcUrl, EmbeddedPostgres embedded) {
    this.jdbcUrl = jdbcUrl;
    this.embedded = embedded;
  }

  /** Uses {@code PGMQ_JDBC_URL}, or starts an embedded PostgreSQL. */
  public static DemoDatabase start() {
    String url = System.getenv(URL_VARIABLE);
    if (url != null && !url.isBlank()) {
      return new DemoDatabase(url.trim(), null);
    }
    return embedded();
  }

  /** Starts an embedded PostgreSQL, whatever {@code PGMQ_JDBC_URL} says. */
  public static DemoDatabase embedded() {
    try {
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setServerConfig("max_connections", "100")
              .setServerConfig("synchronous_commit", "on")
              .start();
      return new DemoDatabase(
          "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres?user=postgres", pg);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
    }
  }

  /** A database at {@code jdbcUrl} (credentials as URL parameters), not owned by the result. */
  public static DemoDatabase at(String jdbcUrl) {
    return new DemoDatabase(jdbcUrl, null);
  }

  /** The JDBC URL, credentials included as parameters. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** A short description for output: embedded or the given server. */
  public String description() {
    return embedded != null
        ? "embedded PostgreSQL on port " + embedded.getPort()
        : "PostgreSQL at " + jdbcUrl.replaceAll("password=[^&]*", "password=***");
  }

  @Override
  public void close() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
