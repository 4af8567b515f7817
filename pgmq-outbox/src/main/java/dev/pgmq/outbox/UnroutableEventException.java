package dev.pgmq.outbox;

/**
 * No queue could be found for an event: no {@link OutboxEvent} route, no answer from the configured
 * {@link dev.pgmq.outbox.spi.QueueRouter}, no default queue, or a topic that no queue is bound to.
 * Thrown from the flush (routes are resolved before the flush sends anything); the transaction is
 * marked for rollback, so nothing of it commits.
 */
public class UnroutableEventException extends OutboxException {

  private static final long serialVersionUID = 1L;

  /** With a message naming the event type. */
  public UnroutableEventException(String message) {
    super(message);
  }
}
