package dev.pgmq.outbox;

import java.util.UUID;

/**
 * An event that carries its own id, written to {@link EnvelopeHeaders#EVENT_ID} instead of a random
 * one. Derive it from the business data (for example a name-based UUID of the order id and the
 * event kind) so that a retried business transaction publishes the same id, which the optional
 * deduplication ({@link OutboxSettings#DEDUP_ENABLED}) then sends only once.
 */
public interface IdentifiedEvent {

  /** The id of this event; never {@code null}. */
  UUID eventId();
}
