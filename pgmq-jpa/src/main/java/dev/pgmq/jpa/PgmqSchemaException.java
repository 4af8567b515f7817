package dev.pgmq.jpa;

/**
 * PGMQ is missing, cannot be installed in the requested mode, or its install failed.
 *
 * <p>Any statement that finds no schema {@code pgmq} in the database (SQLSTATE 3F000) raises this
 * exception, wherever it runs (an operation, a client, the outbox's flush, a consumer's start),
 * with a message saying how to install PGMQ: {@link PgmqSchema#ensure(java.sql.Connection)}, {@code
 * CREATE EXTENSION pgmq}, or the SQL-only script ({@link PgmqSchema#sqlScript()}, {@link
 * PgmqSqlScript}). The database's exception is the cause.
 */
public class PgmqSchemaException extends PgmqException {

  private static final long serialVersionUID = 1L;

  /** With a message. */
  public PgmqSchemaException(String message) {
    super(message);
  }

  /** With a message and its cause. */
  public PgmqSchemaException(String message, Throwable cause) {
    super(message, cause);
  }
}
