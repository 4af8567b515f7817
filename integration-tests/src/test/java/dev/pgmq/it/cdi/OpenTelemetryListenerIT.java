package dev.pgmq.it.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pgmq.outbox.opentelemetry.PgmqOpenTelemetry;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.PgmqDrain;
import dev.pgmq.test.TestDatabase;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One trace from the order's transaction through a {@code @PgmqListener} on Weld SE. */
@PgmqDatabaseTest
class OpenTelemetryListenerIT {

  private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
  private static OpenTelemetrySdk otel;

  private final TestDatabase db;

  OpenTelemetryListenerIT(TestDatabase db) {
    this.db = db;
  }

  @BeforeAll
  static void tracing() {
    otel =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(SPANS))
                    .build())
            .build();
    TracedPersistence.tracing = PgmqOpenTelemetry.create(otel);
  }

  @AfterAll
  static void close() {
    otel.close();
  }

  @BeforeEach
  void empty() {
    CdiApp.freshSchema(db);
    SPANS.reset();
  }

  @Test
  void theListenerContinuesTheTraceOfTheTransactionThatPlacedTheOrder() {
    try (WeldContainer container =
        CdiApp.start(
            db, TracedPersistence.class, LocalOrderService.class, ShippingListener.class)) {
      Span request = otel.getTracer("shop").spanBuilder("POST /orders").startSpan();
      long order;
      try (Scope ignored = request.makeCurrent()) {
        order = container.select(LocalOrderService.class).get().placeOrder("ada");
      } finally {
        request.end();
      }

      PgmqDrain.awaitEmpty(db, "orders", Duration.ofSeconds(30));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> named("send shipments").size() == 1 && named("process orders").size() == 1);
      assertThat(CdiApp.longs(db, "select order_id from shipment")).containsExactly(order);

      String trace = request.getSpanContext().getTraceId();
      SpanData sendOrders = named("send orders").get(0);
      SpanData process = named("process orders").get(0);
      SpanData sendShipments = named("send shipments").get(0);
      assertThat(sendOrders.getKind()).isEqualTo(SpanKind.PRODUCER);
      assertThat(sendOrders.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
      assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
      assertThat(process.getParentSpanId()).isEqualTo(sendOrders.getSpanId());
      assertThat(process.getAttributes().get(AttributeKey.stringKey("pgmq.outcome")))
          .isEqualTo("processed");
      assertThat(process.getAttributes().get(AttributeKey.stringKey("pgmq.event.type")))
          .isEqualTo("order.placed");
      assertThat(sendShipments.getParentSpanId())
          .as("the listener's own event is sent inside its process span")
          .isEqualTo(process.getSpanId());
      assertThat(List.of(sendOrders, process, sendShipments))
          .allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(trace));
    }
  }

  private static List<SpanData> named(String name) {
    return SPANS.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
  }
}
