package dev.pgmq.jpa;

/** How {@link PgmqSchema} makes sure PGMQ is usable in a database. */
public enum SchemaMode {
  /**
   * The default: {@code CREATE EXTENSION pgmq} when the server offers it, else the library's
   * SQL-only install. Never installs SQL over an existing extension.
   */
  EXTENSION_OR_SQL,
  /** Only the extension; fails when the server does not offer it. */
  EXTENSION_ONLY,
  /** Only the library's SQL-only install; fails when the extension is already installed. */
  SQL_ONLY,
  /** Installs nothing; verifies that PGMQ is there and fails with a clear message if not. */
  NONE
}
