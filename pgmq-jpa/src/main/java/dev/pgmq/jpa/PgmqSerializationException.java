package dev.pgmq.jpa;

/** A payload or header map could not be written as, or read from, JSON. */
public class PgmqSerializationException extends PgmqException {

  private static final long serialVersionUID = 1L;

  /** With a message and the Jackson exception. */
  public PgmqSerializationException(String message, Throwable cause) {
    super(message, cause);
  }
}
