package dev.pgmq.outbox.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgmq.jpa.PgmqSerializationException;
import dev.pgmq.jpa.spi.MessageJson;
import dev.pgmq.jpa.spi.QueueNames;
import dev.pgmq.outbox.EnvelopeHeaders;
import dev.pgmq.outbox.EventTypes;
import dev.pgmq.outbox.IdentifiedEvent;
import dev.pgmq.outbox.OutboxConfig;
import dev.pgmq.outbox.UnroutableEventException;
import dev.pgmq.outbox.spi.Destination;
import dev.pgmq.outbox.spi.QueueRouter;
import dev.pgmq.outbox.spi.TraceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Routes, serialises and envelopes pending events; routes first, so nothing half-prepares. */
final class MessagePreparer {

  private static final JsonStringEncoder JSON = JsonStringEncoder.getInstance();

  private final ObjectMapper mapper;
  private final QueueRouter router;
  private final Destination defaultQueue;
  private final boolean groupByAggregate;

  MessagePreparer(OutboxConfig config) {
    this.mapper = config.objectMapper();
    this.router = config.router();
    this.defaultQueue =
        config.defaultQueue() == null ? null : Destination.queue(config.defaultQueue());
    this.groupByAggregate = config.groupByAggregate();
  }

  /** Routes, then opens the send spans (one per destination), then envelopes. */
  List<OutboundMessage> prepare(List<PendingEvent> pending, SendSpans spans) {
    int n = pending.size();
    String[] types = new String[n];
    Destination[] destinations = new Destination[n];
    for (int i = 0; i < n; i++) {
      Object event = pending.get(i).event();
      types[i] = EventTypes.of(event.getClass());
      destinations[i] = route(event, types[i], pending.get(i));
    }
    TraceContext[] traces = spans.start(destinations, types, pending);
    List<OutboundMessage> out = new ArrayList<>(n);
    Instant lastInstant = null;
    String occurredAt = null;
    for (int i = 0; i < n; i++) {
      PendingEvent p = pending.get(i);
      if (traces != null && traces[i] != null) {
        p = p.withTrace(traces[i]);
      }
      if (p.occurredAt() != lastInstant) {
        lastInstant = p.occurredAt();
        occurredAt = lastInstant.toString();
      }
      UUID id = eventId(p);
      out.add(
          new OutboundMessage(
              destinations[i], id, types[i], payload(p), headers(p, id, types[i], occurredAt)));
    }
    return out;
  }

  private Destination route(Object event, String type, PendingEvent p) {
    Destination d = router.route(event, type);
    if (d == null) {
      d = defaultQueue;
    }
    if (d == null) {
      throw new UnroutableEventException(
          "no queue for event type '"
              + type
              + "' ("
              + event.getClass().getName()
              + (p.aggregateType() == null
                  ? ""
                  : ", registered on " + p.aggregateType() + "#" + p.aggregateId())
              + "): annotate the class with @OutboxEvent(queue = ...), configure a QueueRouter"
              + " or set pgmq.outbox.default-queue; the transaction will not commit");
    }
    if (!d.topic()) {
      QueueNames.check(d.name()); // a name PGMQ cannot have never reaches the database
    }
    return d;
  }

  private static UUID eventId(PendingEvent p) {
    if (p.event() instanceof IdentifiedEvent identified) {
      return Objects.requireNonNull(identified.eventId(), "eventId() of " + p.event());
    }
    if (p.headers() != null && p.headers().get(EnvelopeHeaders.EVENT_ID) != null) {
      return UUID.fromString(p.headers().get(EnvelopeHeaders.EVENT_ID).toString());
    }
    return UUID.randomUUID();
  }

  private String payload(PendingEvent p) {
    try {
      return MessageJson.requireEncodable(
          mapper.writeValueAsString(p.event()), "event " + p.event().getClass().getName());
    } catch (JsonProcessingException e) {
      throw new PgmqSerializationException(
          "could not serialise event " + p.event().getClass().getName() + " to JSON", e);
    }
  }

  private String headers(PendingEvent p, UUID id, String type, String occurredAt) {
    if (p.headers() != null && !p.headers().isEmpty()) {
      return mergedHeaders(p, id, type, occurredAt);
    }
    StringBuilder sb = new StringBuilder(320).append('{');
    field(sb, EnvelopeHeaders.EVENT_ID, id.toString());
    field(sb, EnvelopeHeaders.EVENT_TYPE, type);
    if (p.aggregateType() != null) {
      field(sb, EnvelopeHeaders.AGGREGATE_TYPE, p.aggregateType());
      field(sb, EnvelopeHeaders.AGGREGATE_ID, p.aggregateId());
    }
    field(sb, EnvelopeHeaders.OCCURRED_AT, occurredAt);
    field(sb, EnvelopeHeaders.CONTENT_TYPE, EnvelopeHeaders.JSON);
    field(sb, EnvelopeHeaders.SCHEMA_VERSION, version(p));
    if (groupByAggregate && p.aggregateType() != null) {
      field(sb, EnvelopeHeaders.GROUP, p.aggregateType() + ":" + p.aggregateId());
    }
    if (p.trace() != null) {
      field(sb, EnvelopeHeaders.TRACEPARENT, p.trace().traceparent());
      if (p.trace().tracestate() != null) {
        field(sb, EnvelopeHeaders.TRACESTATE, p.trace().tracestate());
      }
    }
    sb.setCharAt(sb.length() - 1, '}');
    return sb.toString();
  }

  private String mergedHeaders(PendingEvent p, UUID id, String type, String occurredAt) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put(EnvelopeHeaders.EVENT_ID, id.toString());
    all.put(EnvelopeHeaders.EVENT_TYPE, type);
    if (p.aggregateType() != null) {
      all.put(EnvelopeHeaders.AGGREGATE_TYPE, p.aggregateType());
      all.put(EnvelopeHeaders.AGGREGATE_ID, p.aggregateId());
    }
    all.put(EnvelopeHeaders.OCCURRED_AT, occurredAt);
    all.put(EnvelopeHeaders.CONTENT_TYPE, EnvelopeHeaders.JSON);
    all.put(EnvelopeHeaders.SCHEMA_VERSION, version(p));
    if (groupByAggregate && p.aggregateType() != null) {
      all.put(EnvelopeHeaders.GROUP, p.aggregateType() + ":" + p.aggregateId());
    }
    if (p.trace() != null) {
      all.put(EnvelopeHeaders.TRACEPARENT, p.trace().traceparent());
      if (p.trace().tracestate() != null) {
        all.put(EnvelopeHeaders.TRACESTATE, p.trace().tracestate());
      }
    }
    all.putAll(p.headers());
    all.put(EnvelopeHeaders.EVENT_ID, id.toString());
    try {
      return MessageJson.requireEncodable(mapper.writeValueAsString(all), "headers");
    } catch (JsonProcessingException e) {
      throw new PgmqSerializationException("could not serialise headers " + p.headers(), e);
    }
  }

  private static String version(PendingEvent p) {
    return Integer.toString(EventTypes.versionOf(p.event().getClass()));
  }

  private static void field(StringBuilder sb, String name, String value) {
    sb.append('"').append(name).append("\":\"");
    JSON.quoteAsString(value, sb);
    sb.append("\",");
  }
}
