package dev.pgmq.outbox;

import dev.pgmq.jpa.Pgmq;

/**
 * The names of the envelope headers the outbox writes on every message it sends (the {@code
 * headers} jsonb column of {@code pgmq.q_<queue>}). Consumers in any language dispatch on these;
 * the full specification is the README section "The envelope (specification)".
 *
 * <p>Every value is a JSON string. Always present: {@link #EVENT_ID}, {@link #EVENT_TYPE}, {@link
 * #OCCURRED_AT}, {@link #CONTENT_TYPE}, {@link #SCHEMA_VERSION}. Present for events of an entity:
 * {@link #AGGREGATE_TYPE}, {@link #AGGREGATE_ID} and, by default, {@link #GROUP}. Present when the
 * publisher supplied a trace context: {@link #TRACEPARENT}, {@link #TRACESTATE}. Headers a caller
 * passes to {@link Outbox#publish(Object, java.util.Map)} are written over the envelope's.
 */
public final class EnvelopeHeaders {

  /** A UUID (RFC 9562 text form) unique per event; the same on every queue a topic fans out to. */
  public static final String EVENT_ID = "x-event-id";

  /** The event type, e.g. {@code order.placed}: what consumers dispatch on. */
  public static final String EVENT_TYPE = "x-event-type";

  /** The entity name of the aggregate that registered the event, e.g. {@code Order}. */
  public static final String AGGREGATE_TYPE = "x-aggregate-type";

  /** The identifier of that aggregate, as text. */
  public static final String AGGREGATE_ID = "x-aggregate-id";

  /** When the event was registered: ISO-8601 UTC instant, e.g. {@code 2026-11-25T08:15:30.123Z}. */
  public static final String OCCURRED_AT = "x-occurred-at";

  /** The media type of the payload: always {@code application/json}. */
  public static final String CONTENT_TYPE = "x-content-type";

  /** The schema version of the payload, a positive integer as text ({@code "1"} by default). */
  public static final String SCHEMA_VERSION = "x-schema-version";

  /** W3C Trace Context {@code traceparent} of the publishing transaction, when one is current. */
  public static final String TRACEPARENT = "traceparent";

  /** W3C Trace Context {@code tracestate}, when one is current. */
  public static final String TRACESTATE = "tracestate";

  /**
   * The FIFO group PGMQ's grouped reads order by ({@link Pgmq#GROUP_HEADER}); {@code <aggregate
   * type>:<aggregate id>} by default for entity events.
   */
  public static final String GROUP = Pgmq.GROUP_HEADER;

  /** The value of {@link #CONTENT_TYPE} this outbox writes. */
  public static final String JSON = "application/json";

  private EnvelopeHeaders() {}
}
