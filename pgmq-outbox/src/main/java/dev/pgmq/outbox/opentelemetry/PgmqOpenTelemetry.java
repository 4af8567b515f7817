package dev.pgmq.outbox.opentelemetry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.Message;
import dev.pgmq.outbox.EnvelopeHeaders;
import dev.pgmq.outbox.consumer.spi.ConsumerListener;
import dev.pgmq.outbox.consumer.spi.MessageOutcome;
import dev.pgmq.outbox.consumer.spi.ProcessingScope;
import dev.pgmq.outbox.spi.SendBatch;
import dev.pgmq.outbox.spi.SendSpan;
import dev.pgmq.outbox.spi.TraceContext;
import dev.pgmq.outbox.spi.TraceContextProvider;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * OpenTelemetry tracing for the outbox and the consumers, after the OpenTelemetry messaging
 * semantic conventions ({@code messaging.system = pgmq}).
 *
 * <ul>
 *   <li><b>Producer:</b> as the outbox's {@link TraceContextProvider} it starts a {@code PRODUCER}
 *       span {@code send <queue>} per {@code send_batch} of a flush, a child of the span current
 *       when the first event was published (later publishers' spans are links), with {@code
 *       messaging.destination.name}, {@code messaging.operation.type = send}, {@code
 *       messaging.batch.message_count} and {@code pgmq.event.types}; that span's context is the
 *       {@code traceparent} written into every message of the batch.
 *   <li><b>Consumer:</b> as a {@link ConsumerListener} it starts a {@code CONSUMER} span {@code
 *       process <queue>} per message, a child of the message's {@code traceparent}, current on the
 *       worker thread while the handler and the acknowledgement run (so the handler's spans, and
 *       the {@code traceparent} of events it publishes, continue the trace), with {@code
 *       messaging.message.id}, {@code pgmq.event.type}, {@code pgmq.read_count} and the outcome
 *       {@code pgmq.outcome} ({@code processed}, {@code retried}, {@code dead_lettered}, {@code
 *       released}, {@code gone}); a failed attempt records its exception and status {@code ERROR}.
 * </ul>
 *
 * <pre>{@code
 * PgmqOpenTelemetry tracing = PgmqOpenTelemetry.create(openTelemetry);
 * // outbox: Hibernate property "pgmq.outbox.trace-context" = tracing (or OutboxConfig.builder().traceContext(tracing))
 * // consumer: PgmqConsumer.builder(emf).listener(tracing)...; under CDI a ConsumerListener bean
 * }</pre>
 *
 * <p>Thread-safe and stateless apart from its tracer.
 */
public final class PgmqOpenTelemetry implements TraceContextProvider, ConsumerListener {

  /** The instrumentation scope name of the spans. */
  public static final String INSTRUMENTATION_NAME = "dev.pgmq.outbox";

  static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
  static final AttributeKey<String> DESTINATION =
      AttributeKey.stringKey("messaging.destination.name");
  static final AttributeKey<String> OPERATION_TYPE =
      AttributeKey.stringKey("messaging.operation.type");
  static final AttributeKey<String> OPERATION_NAME =
      AttributeKey.stringKey("messaging.operation.name");
  static final AttributeKey<Long> MESSAGE_COUNT =
      AttributeKey.longKey("messaging.batch.message_count");
  static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
  static final AttributeKey<List<String>> EVENT_TYPES =
      AttributeKey.stringArrayKey("pgmq.event.types");
  static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("pgmq.event.type");
  static final AttributeKey<Boolean> TOPIC = AttributeKey.booleanKey("pgmq.destination.topic");
  static final AttributeKey<Long> READ_COUNT = AttributeKey.longKey("pgmq.read_count");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("pgmq.outcome");

  private final Tracer tracer;

  private PgmqOpenTelemetry(Tracer tracer) {
    this.tracer = tracer;
  }

  /** Tracing through {@code openTelemetry}'s tracer provider. */
  public static PgmqOpenTelemetry create(OpenTelemetry openTelemetry) {
    Objects.requireNonNull(openTelemetry, "openTelemetry");
    return new PgmqOpenTelemetry(openTelemetry.getTracer(INSTRUMENTATION_NAME));
  }

  /** The W3C form of the span current on this thread, or {@code null} when there is none. */
  @Override
  public TraceContext current() {
    return W3c.format(Context.current());
  }

  @Override
  public SendSpan startSend(SendBatch batch) {
    List<TraceContext> publishers = batch.publishContexts();
    Context parent =
        publishers.isEmpty() ? Context.current() : W3c.parse(Context.root(), publishers.get(0));
    String destination = batch.destination().name();
    SpanBuilder builder =
        tracer
            .spanBuilder("send " + destination)
            .setSpanKind(SpanKind.PRODUCER)
            .setParent(parent)
            .setAttribute(SYSTEM, "pgmq")
            .setAttribute(DESTINATION, destination)
            .setAttribute(OPERATION_TYPE, "send")
            .setAttribute(OPERATION_NAME, "send")
            .setAttribute(MESSAGE_COUNT, (long) batch.messageCount())
            .setAttribute(EVENT_TYPES, batch.eventTypes());
    if (batch.destination().topic()) {
      builder.setAttribute(TOPIC, true);
    }
    for (int i = 1; i < publishers.size(); i++) {
      SpanContext other =
          Span.fromContext(W3c.parse(Context.root(), publishers.get(i))).getSpanContext();
      if (other.isValid()) {
        builder.addLink(other);
      }
    }
    Span span = builder.startSpan();
    TraceContext context = W3c.format(parent.with(span));
    return new SendSpan() {
      @Override
      public TraceContext context() {
        return context;
      }

      @Override
      public void end(Throwable failure) {
        if (failure != null) {
          span.recordException(failure);
          span.setStatus(StatusCode.ERROR);
        }
        span.end();
      }
    };
  }

  @Override
  public ProcessingScope onStart(String queue, Message<JsonNode> message) {
    Context parent =
        W3c.parse(
            Context.current(),
            message.header(EnvelopeHeaders.TRACEPARENT),
            message.header(EnvelopeHeaders.TRACESTATE));
    SpanBuilder builder =
        tracer
            .spanBuilder("process " + queue)
            .setSpanKind(SpanKind.CONSUMER)
            .setParent(parent)
            .setAttribute(SYSTEM, "pgmq")
            .setAttribute(DESTINATION, queue)
            .setAttribute(OPERATION_TYPE, "process")
            .setAttribute(OPERATION_NAME, "process")
            .setAttribute(MESSAGE_ID, Long.toString(message.msgId()))
            .setAttribute(READ_COUNT, (long) message.readCt());
    String type = message.header(EnvelopeHeaders.EVENT_TYPE);
    if (type != null) {
      builder.setAttribute(EVENT_TYPE, type);
    }
    Span span = builder.startSpan();
    Scope scope = parent.with(span).makeCurrent();
    return (outcome, error) -> {
      span.setAttribute(OUTCOME, outcomeName(outcome));
      if (error != null) {
        span.recordException(error);
        span.setStatus(StatusCode.ERROR);
      }
      scope.close();
      span.end();
    };
  }

  /** The name of {@code outcome} as the {@code pgmq.outcome} attribute gives it. */
  public static String outcomeName(MessageOutcome outcome) {
    return outcome.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "PgmqOpenTelemetry";
  }
}
