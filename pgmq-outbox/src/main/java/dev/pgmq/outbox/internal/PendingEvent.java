package dev.pgmq.outbox.internal;

import dev.pgmq.outbox.spi.TraceContext;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An event waiting in a transaction's buffer for the next flush.
 *
 * @param event the payload object
 * @param aggregateType JPA entity name of the aggregate, or {@code null} for explicit publishes
 * @param aggregateId the aggregate's id as text, or {@code null}
 * @param occurredAt when the outbox took the event
 * @param trace the trace context at that moment, or {@code null}
 * @param headers caller headers written over the envelope, or {@code null}
 */
public record PendingEvent(
    Object event,
    String aggregateType,
    String aggregateId,
    Instant occurredAt,
    TraceContext trace,
    Map<String, ?> headers) {

  /** Checks the required parts. */
  public PendingEvent {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }

  /** This event carrying {@code trace} instead of the context captured at publish. */
  public PendingEvent withTrace(TraceContext trace) {
    return new PendingEvent(event, aggregateType, aggregateId, occurredAt, trace, headers);
  }
}
