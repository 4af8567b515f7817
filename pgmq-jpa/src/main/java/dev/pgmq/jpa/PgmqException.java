package dev.pgmq.jpa;

/** The root of every exception this library throws; unchecked. The cause is always kept. */
public class PgmqException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** With a message. */
  public PgmqException(String message) {
    super(message);
  }

  /** With a message and its cause. */
  public PgmqException(String message, Throwable cause) {
    super(message, cause);
  }
}
