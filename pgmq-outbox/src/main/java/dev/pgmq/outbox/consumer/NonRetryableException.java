package dev.pgmq.outbox.consumer;

import dev.pgmq.jpa.PgmqException;

/**
 * Thrown by a handler to dead-letter its message at once, without further attempts. Wrap the
 * original failure as the cause to have its class and message recorded in the dead-letter headers.
 */
public class NonRetryableException extends PgmqException implements NonRetryable {

  private static final long serialVersionUID = 1L;

  /** With a message. */
  public NonRetryableException(String message) {
    super(message);
  }

  /** With a message and the failure that cannot be cured by retrying. */
  public NonRetryableException(String message, Throwable cause) {
    super(message, cause);
  }
}
