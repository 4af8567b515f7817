package dev.pgmq.outbox.consumer;

import dev.pgmq.jpa.PgmqException;

/**
 * A message carried an event type no handler was registered for (or none at all). Non-retryable:
 * the message goes to the dead-letter queue, from where it can be replayed once a handler exists.
 */
public class NoHandlerException extends PgmqException implements NonRetryable {

  private static final long serialVersionUID = 1L;

  private final String eventType;

  /** For {@code eventType}, which may be {@code null} when the message had none. */
  public NoHandlerException(String eventType) {
    super(
        eventType == null
            ? "message has no event type header and no default handler is registered"
            : "no handler registered for event type '" + eventType + "'");
    this.eventType = eventType;
  }

  /** The event type that had no handler, or {@code null}. */
  public String eventType() {
    return eventType;
  }
}
