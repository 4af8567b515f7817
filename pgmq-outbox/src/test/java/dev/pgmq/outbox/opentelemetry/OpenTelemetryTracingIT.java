package dev.pgmq.outbox.opentelemetry;

import static dev.pgmq.test.PgmqAssertions.assertThat;
import static dev.pgmq.test.PgmqAssertions.queue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pgmq.outbox.EnvelopeHeaders;
import dev.pgmq.outbox.Outbox;
import dev.pgmq.outbox.OutboxSettings;
import dev.pgmq.outbox.consumer.Backoff;
import dev.pgmq.outbox.consumer.NonRetryableException;
import dev.pgmq.outbox.consumer.PgmqConsumer;
import dev.pgmq.outbox.fixture.AuditNote;
import dev.pgmq.outbox.fixture.OrderPlaced;
import dev.pgmq.outbox.fixture.OutboxDatabase;
import dev.pgmq.outbox.fixture.PurchaseOrder;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.PgmqDrain;
import dev.pgmq.test.TestDatabase;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Producer and consumer spans on the OpenTelemetry SDK, recorded by its in-memory exporter. */
@PgmqDatabaseTest
class OpenTelemetryTracingIT {

  private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
  private static OpenTelemetrySdk otel;
  private static PgmqOpenTelemetry tracing;
  private static Tracer app;
  private static OutboxDatabase db;
  private static EntityManagerFactory emf;

  @BeforeAll
  static void start(TestDatabase database) {
    otel =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(SPANS))
                    .build())
            .build();
    tracing = PgmqOpenTelemetry.create(otel);
    app = otel.getTracer("the-application");
    db = new OutboxDatabase(database);
    emf = db.factory(Map.of(OutboxSettings.TRACE_CONTEXT, tracing));
  }

  @AfterAll
  static void stop() {
    emf.close();
    otel.close();
  }

  @BeforeEach
  void reset() {
    db.freshQueues("orders", "orders_dlq", "audit", "audit_dlq");
    SPANS.reset();
  }

  @Test
  void oneTraceRunsFromTheTransactionThatRaisedTheEventToTheHandlerThatProcessedIt() {
    Span request = app.spanBuilder("POST /orders").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      inTransaction(em -> em.persist(placed(new PurchaseOrder("ada"))));
    } finally {
      request.end();
    }

    SpanData send = only(SpanKind.PRODUCER);
    assertThat(send.getName()).isEqualTo("send orders");
    assertThat(send.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
    assertThat(send.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
    assertThat(send.getAttributes().asMap())
        .containsEntry(AttributeKey.stringKey("messaging.system"), "pgmq")
        .containsEntry(AttributeKey.stringKey("messaging.destination.name"), "orders")
        .containsEntry(AttributeKey.stringKey("messaging.operation.type"), "send")
        .containsEntry(AttributeKey.longKey("messaging.batch.message_count"), 1L)
        .containsEntry(AttributeKey.stringArrayKey("pgmq.event.types"), List.of("order.placed"));
    assertThat(queue("orders"))
        .hasMessages(1)
        .message(0)
        .hasHeader(EnvelopeHeaders.TRACEPARENT, traceparent(send.getSpanContext()));

    List<SpanContext> seenByHandler = new CopyOnWriteArrayList<>();
    try (PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue("orders")
            .handler(
                OrderPlaced.class, (e, ctx) -> seenByHandler.add(Span.current().getSpanContext()))
            .maxPoll(Duration.ofSeconds(1))
            .listener(tracing)
            .build()) {
      consumer.start();
      PgmqDrain.awaitEmpty("orders", Duration.ofSeconds(20));
    }

    SpanData process = only(SpanKind.CONSUMER);
    assertThat(process.getName()).isEqualTo("process orders");
    assertThat(process.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
    assertThat(process.getParentSpanId()).isEqualTo(send.getSpanId());
    assertThat(process.getAttributes().asMap())
        .containsEntry(AttributeKey.stringKey("messaging.system"), "pgmq")
        .containsEntry(AttributeKey.stringKey("messaging.destination.name"), "orders")
        .containsEntry(AttributeKey.stringKey("messaging.operation.type"), "process")
        .containsEntry(AttributeKey.stringKey("pgmq.event.type"), "order.placed")
        .containsEntry(AttributeKey.stringKey("pgmq.outcome"), "processed")
        .containsKey(AttributeKey.stringKey("messaging.message.id"));
    assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(seenByHandler).containsExactly(process.getSpanContext());
  }

  @Test
  void eventsPublishedByAHandlerContinueTheTraceOfTheMessageItHandles() {
    inTransaction(em -> Outbox.of(em).publish(new AuditNote("first")));
    SpanData firstSend = only(SpanKind.PRODUCER);
    assertThat(firstSend.getParentSpanContext().isValid())
        .as("no span was current at publish: the send span is a root")
        .isFalse();
    SPANS.reset();

    try (PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue("audit")
            .handler(
                AuditNote.class,
                (note, ctx) -> {
                  if (note.text().equals("first")) {
                    Outbox.of(ctx.entityManager()).publish(new AuditNote("second"));
                  }
                })
            .maxPoll(Duration.ofSeconds(1))
            .listener(tracing)
            .build()) {
      consumer.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> spans(SpanKind.CONSUMER).size() == 2);
      PgmqDrain.awaitEmpty("audit", Duration.ofSeconds(20));
    }

    List<SpanData> processed = spans(SpanKind.CONSUMER);
    SpanData followUpSend = only(SpanKind.PRODUCER);
    assertThat(processed.get(0).getParentSpanId()).isEqualTo(firstSend.getSpanId());
    assertThat(followUpSend.getParentSpanId()).isEqualTo(processed.get(0).getSpanId());
    assertThat(processed.get(1).getParentSpanId()).isEqualTo(followUpSend.getSpanId());
    assertThat(processed)
        .allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(firstSend.getTraceId()));
  }

  @Test
  void failedAttemptsAreMarkedRetriedThenDeadLettered() {
    inTransaction(em -> em.persist(placed(new PurchaseOrder("grace"))));
    SpanData send = only(SpanKind.PRODUCER);
    AtomicInteger attempts = new AtomicInteger();

    try (PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue("orders")
            .handler(
                OrderPlaced.class,
                (e, ctx) -> {
                  if (attempts.incrementAndGet() == 1) {
                    throw new IllegalStateException("transient");
                  }
                  throw new NonRetryableException("poison");
                })
            .backoff(Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(1)))
            .maxPoll(Duration.ofSeconds(1))
            .listener(tracing)
            .build()) {
      consumer.start();
      PgmqDrain.awaitEmpty("orders", Duration.ofSeconds(30));
    }

    List<SpanData> processed = spans(SpanKind.CONSUMER);
    assertThat(processed)
        .extracting(s -> s.getAttributes().get(AttributeKey.stringKey("pgmq.outcome")))
        .containsExactly("retried", "dead_lettered");
    assertThat(processed)
        .allSatisfy(
            s -> {
              assertThat(s.getParentSpanId()).isEqualTo(send.getSpanId());
              assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
              assertThat(s.getEvents())
                  .anySatisfy(ev -> assertThat(ev.getName()).isEqualTo("exception"));
            });
    assertThat(processed.get(1).getAttributes().get(AttributeKey.longKey("pgmq.read_count")))
        .isEqualTo(2L);
    assertThat(queue("orders_dlq"))
        .hasMessages(1)
        .message(0)
        .hasHeader(EnvelopeHeaders.TRACEPARENT, traceparent(send.getSpanContext()));
  }

  @Test
  void oneSendSpanPerQueuePerFlushWithItsMessageCount() {
    Span request = app.spanBuilder("batch").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      inTransaction(
          em -> {
            em.persist(placed(new PurchaseOrder("a")));
            em.persist(placed(new PurchaseOrder("b")));
            Outbox.of(em).publish(new AuditNote("note"));
          });
    } finally {
      request.end();
    }

    List<SpanData> sends = spans(SpanKind.PRODUCER);
    assertThat(sends)
        .extracting(SpanData::getName)
        .containsExactlyInAnyOrder("send orders", "send audit");
    SpanData orders =
        sends.stream().filter(s -> s.getName().equals("send orders")).findFirst().orElseThrow();
    assertThat(orders.getAttributes().get(AttributeKey.longKey("messaging.batch.message_count")))
        .isEqualTo(2L);
    assertThat(queue("orders"))
        .hasMessages(2)
        .allHaveHeader(EnvelopeHeaders.TRACEPARENT, traceparent(orders.getSpanContext()));
  }

  private static PurchaseOrder placed(PurchaseOrder order) {
    order.place();
    return order;
  }

  private static void inTransaction(java.util.function.Consumer<EntityManager> work) {
    EntityManager em = emf.createEntityManager();
    try {
      em.getTransaction().begin();
      work.accept(em);
      em.getTransaction().commit();
    } finally {
      em.close();
    }
  }

  private static String traceparent(SpanContext context) {
    return "00-"
        + context.getTraceId()
        + "-"
        + context.getSpanId()
        + "-"
        + context.getTraceFlags().asHex();
  }

  private static List<SpanData> spans(SpanKind kind) {
    return SPANS.getFinishedSpanItems().stream()
        .filter(s -> s.getKind() == kind)
        .sorted(java.util.Comparator.comparingLong(SpanData::getStartEpochNanos))
        .toList();
  }

  private static SpanData only(SpanKind kind) {
    List<SpanData> spans = spans(kind);
    assertThat(spans).as("finished %s spans", kind).hasSize(1);
    return spans.get(0);
  }
}
