package dev.pgmq.jpa.internal;

import dev.pgmq.jpa.PgmqException;
import dev.pgmq.jpa.PgmqPermissionException;
import dev.pgmq.jpa.PgmqSchemaException;
import dev.pgmq.jpa.PgmqStatementException;
import dev.pgmq.jpa.QueueNotFoundException;
import java.sql.SQLException;

/** Turns what JPA, Hibernate or the driver threw into the library's exceptions. */
final class ErrorTranslator {

  private static final String UNDEFINED_TABLE = "42P01";
  private static final String RAISE_EXCEPTION = "P0001";
  private static final String INVALID_SCHEMA_NAME = "3F000";

  private ErrorTranslator() {}

  /**
   * The library exception for {@code failure} of {@code operation} on {@code queue} (may be null).
   * Library exceptions pass through unchanged; the original exception is always the cause.
   */
  static RuntimeException translate(String operation, String queue, Exception failure) {
    if (failure instanceof PgmqException p) {
      return p;
    }
    SQLException sql = sqlException(failure);
    String state = sql == null ? null : sql.getSQLState();
    String text = sql == null ? String.valueOf(failure.getMessage()) : sql.getMessage();
    if (isMissingPgmq(state, text)) {
      return pgmqMissing("pgmq." + operation, failure);
    }
    if (queue != null && isMissingQueue(state, text)) {
      return new QueueNotFoundException(queue, failure);
    }
    if (PgmqPermissionException.INSUFFICIENT_PRIVILEGE.equals(state)) {
      return new PgmqPermissionException("pgmq." + operation + " failed: " + text, failure);
    }
    return new PgmqStatementException("pgmq." + operation + " failed: " + text, state, failure);
  }

  /**
   * The library exception for a failed send of {@code count} {@code items} (plural, for the
   * message: {@code "outbox event(s)"}) to queue or topic {@code name}: PGMQ missing ({@link
   * PgmqSchemaException}), the queue's table missing ({@link QueueNotFoundException}), a privilege
   * missing ({@link PgmqPermissionException}), else {@link PgmqStatementException}, each with a
   * message naming what could not be sent where. Library exceptions pass through unchanged.
   */
  static RuntimeException sendFailure(
      String items, int count, boolean topic, String name, Exception failure) {
    if (failure instanceof PgmqException p) {
      return p;
    }
    SQLException sql = sqlException(failure);
    String state = sql == null ? null : sql.getSQLState();
    String text = sql == null ? String.valueOf(failure.getMessage()) : sql.getMessage();
    if (isMissingPgmq(state, text)) {
      return pgmqMissing("sending " + count + " " + items, failure);
    }
    if (UNDEFINED_TABLE.equals(state) && !topic) {
      return new QueueNotFoundException(name, failure);
    }
    String message =
        "could not send "
            + count
            + " "
            + items
            + " to "
            + (topic ? "topic '" : "queue '")
            + name
            + "': "
            + text;
    if (PgmqPermissionException.INSUFFICIENT_PRIVILEGE.equals(state)) {
      return new PgmqPermissionException(message, failure);
    }
    return new PgmqStatementException(message, state, failure);
  }

  /**
   * Whether the database reported that schema {@code pgmq} does not exist (SQLSTATE 3F000,
   * invalid_schema_name): PGMQ is not installed in it.
   */
  static boolean isMissingPgmq(String state, String text) {
    return INVALID_SCHEMA_NAME.equals(state) && text != null && text.contains("\"pgmq\"");
  }

  /**
   * The exception for a {@code call} that found no PGMQ in the database, saying how to install it.
   */
  static PgmqSchemaException pgmqMissing(String call, Throwable cause) {
    return new PgmqSchemaException(
        call
            + " failed: PGMQ is not installed in this database (schema \"pgmq\" does not exist)."
            + " Install it once, before use: PgmqSchema.ensure(connection) or"
            + " PgmqSchema.ensure(entityManager, SchemaMode.EXTENSION_OR_SQL) runs"
            + " CREATE EXTENSION pgmq where the server offers the extension, else pgmq-jpa's"
            + " SQL-only install of the same API; or run CREATE EXTENSION pgmq yourself; or apply"
            + " the SQL-only script (PgmqSchema.sqlScript(), printed by"
            + " java -cp pgmq-jpa.jar dev.pgmq.jpa.PgmqSqlScript) with your migration tool."
            + " (PgmqClient does this on first use unless its SchemaMode is NONE.)",
        cause);
  }

  static boolean isMissingQueue(String state, String text) {
    if (UNDEFINED_TABLE.equals(state)) {
      return true;
    }
    return RAISE_EXCEPTION.equals(state)
        && text != null
        && text.contains("does not exist")
        && (text.contains("Queue") || text.contains("queue"));
  }

  /** The first {@link SQLException} in the cause chain, or null. */
  static SQLException sqlException(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
      if (t instanceof SQLException e) {
        return e;
      }
    }
    return null;
  }
}
