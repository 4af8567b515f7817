package dev.pgmq.outbox;

import dev.pgmq.jpa.PgmqException;

/** The root of the outbox's exceptions: an event could not be published. */
public class OutboxException extends PgmqException {

  private static final long serialVersionUID = 1L;

  /** With a message. */
  public OutboxException(String message) {
    super(message);
  }

  /** With a message and its cause. */
  public OutboxException(String message, Throwable cause) {
    super(message, cause);
  }
}
