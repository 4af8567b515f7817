package dev.pgmq.jpa;

/** PGMQ is missing, cannot be installed in the requested mode, or its install failed. */
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
