package dev.pgmq.outbox.consumer;

import static dev.pgmq.outbox.consumer.ConsumerTests.createQueue;
import static dev.pgmq.outbox.consumer.ConsumerTests.entityManagerFactory;
import static dev.pgmq.outbox.consumer.ConsumerTests.pgmq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.SendOptions;
import dev.pgmq.outbox.EnvelopeHeaders;
import dev.pgmq.outbox.EventTypes;
import dev.pgmq.outbox.OutboxEvent;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@PgmqDatabaseTest
class HandlerDispatchIT {

  private static EntityManagerFactory emf;

  @BeforeAll
  static void setUp(TestDatabase db) {
    emf = entityManagerFactory(db, 4);
  }

  @AfterAll
  static void tearDown() {
    emf.close();
  }

  @OutboxEvent(type = "order.placed")
  record OrderPlaced(String orderId, int total) {}

  record OrderCancelled(String orderId, String reason) {}

  @Test
  void messagesAreDispatchedByEventTypeToTypedHandlers(TestDatabase db) {
    String queue = db.uniqueName("dispatch");
    createQueue(emf, queue);
    List<Object> handled = new CopyOnWriteArrayList<>();
    try (PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(queue)
            .on(OrderPlaced.class, (event, ctx) -> handled.add(event))
            .on(
                "order.cancelled",
                OrderCancelled.class,
                (event, ctx) -> handled.add(event.reason() + "@" + ctx.eventType()))
            .handler(JsonNode.class, (json, ctx) -> handled.add("other:" + ctx.eventType()))
            .maxPoll(Duration.ofSeconds(1))
            .build()) {
      consumer.start();
      pgmq(
          emf,
          p ->
              p.sendBatch(
                  queue,
                  List.of(
                      new OrderPlaced("o-1", 30),
                      new OrderCancelled("o-2", "changed mind"),
                      Map.of("x", 1)),
                  List.of(
                      Map.of(EnvelopeHeaders.EVENT_TYPE, EventTypes.of(OrderPlaced.class)),
                      Map.of(EnvelopeHeaders.EVENT_TYPE, "order.cancelled"),
                      Map.of(EnvelopeHeaders.EVENT_TYPE, "inventory.counted")),
                  SendOptions.NONE));
      await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 3);
    }
    assertThat(handled)
        .containsExactlyInAnyOrder(
            new OrderPlaced("o-1", 30), "changed mind@order.cancelled", "other:inventory.counted");
  }
}
