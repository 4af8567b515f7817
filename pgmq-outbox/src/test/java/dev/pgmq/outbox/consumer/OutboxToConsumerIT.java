package dev.pgmq.outbox.consumer;

import static dev.pgmq.outbox.consumer.ConsumerTests.createQueue;
import static dev.pgmq.outbox.consumer.ConsumerTests.effects;
import static dev.pgmq.outbox.consumer.ConsumerTests.entityManagerFactory;
import static dev.pgmq.outbox.consumer.ConsumerTests.inTransaction;
import static dev.pgmq.outbox.consumer.ConsumerTests.queueLength;
import static dev.pgmq.outbox.consumer.ConsumerTests.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pgmq.outbox.Outbox;
import dev.pgmq.outbox.OutboxEvent;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@PgmqDatabaseTest
class OutboxToConsumerIT {

  private static EntityManagerFactory emf;

  @BeforeAll
  static void setUp(TestDatabase db) {
    emf = entityManagerFactory(db, 4);
    createQueue(emf, "placed_orders");
    createQueue(emf, "shipments");
  }

  @AfterAll
  static void tearDown() {
    emf.close();
  }

  @OutboxEvent(queue = "placed_orders", type = "order.placed")
  record OrderPlaced(String orderId) {}

  @OutboxEvent(queue = "shipments", type = "shipment.requested")
  record ShipmentRequested(String orderId) {}

  @Test
  void publishedEventReachesItsTypedHandlerAndFollowUpsCommitOnlyWithTheAck(TestDatabase db) {
    ConsumerTests.Recorder recorder = new ConsumerTests.Recorder();
    try (PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue("placed_orders")
            .on(
                OrderPlaced.class,
                (event, ctx) -> {
                  ctx.entityManager().persist(new Effect(event.orderId(), ctx.readCt()));
                  Outbox.of(ctx.entityManager()).publish(new ShipmentRequested(event.orderId()));
                  if (ctx.readCt() == 1) {
                    throw new IllegalStateException("first attempt fails after publishing");
                  }
                })
            .backoff(Backoff.exponential(Duration.ofMillis(100), Duration.ofMillis(100)))
            .maxPoll(Duration.ofSeconds(1))
            .pollInterval(Duration.ofMillis(20))
            .listener(recorder)
            .build()) {
      consumer.start();
      inTransaction(
          emf,
          em -> {
            Outbox.of(em).publish(new OrderPlaced("o-42"));
            return null;
          });
      await().atMost(Duration.ofSeconds(10)).until(() -> recorder.processed.size() == 1);
    }

    assertThat(recorder.failures).hasSize(1);
    assertThat(effects(db, "o-42")).isOne();
    assertThat(queueLength(db, "placed_orders")).isZero();
    // the follow-up of the failed attempt rolled back with it: exactly one was sent
    assertThat(rows(db, "shipments"))
        .singleElement()
        .satisfies(row -> assertThat(row.message().get("orderId").asText()).isEqualTo("o-42"));
  }
}
