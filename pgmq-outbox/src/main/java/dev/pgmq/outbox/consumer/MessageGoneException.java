package dev.pgmq.outbox.consumer;

import dev.pgmq.jpa.PgmqException;

/**
 * The message was no longer in the queue when the consumer acknowledged it: its visibility timeout
 * had run out and another consumer read and acknowledged it first. The handler's transaction is
 * rolled back, so its work is not applied twice; nothing is retried.
 */
public class MessageGoneException extends PgmqException {

  private static final long serialVersionUID = 1L;

  /** For message {@code msgId} of {@code queue}. */
  public MessageGoneException(String queue, long msgId) {
    super(
        "message "
            + msgId
            + " of queue '"
            + queue
            + "' was acknowledged by another consumer; this delivery was rolled back");
  }
}
