package dev.pgmq.outbox.consumer;

import static dev.pgmq.outbox.consumer.ConsumerTests.createQueue;
import static dev.pgmq.outbox.consumer.ConsumerTests.effects;
import static dev.pgmq.outbox.consumer.ConsumerTests.entityManagerFactory;
import static dev.pgmq.outbox.consumer.ConsumerTests.pgmq;
import static dev.pgmq.outbox.consumer.ConsumerTests.queryLong;
import static dev.pgmq.outbox.consumer.ConsumerTests.queueLength;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@PgmqDatabaseTest
class AcknowledgementIT {

  private static EntityManagerFactory emf;

  @BeforeAll
  static void setUp(TestDatabase db) {
    emf = entityManagerFactory(db, 6);
  }

  @AfterAll
  static void tearDown() {
    emf.close();
  }

  @Test
  void archiveModeMovesHandledMessagesToTheArchive(TestDatabase db) {
    String queue = db.uniqueName("archived");
    createQueue(emf, queue);
    ConsumerTests.Recorder recorder = new ConsumerTests.Recorder();
    try (PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(queue)
            .handler(JsonNode.class, (payload, ctx) -> {})
            .ackMode(AckMode.ARCHIVE)
            .maxPoll(Duration.ofSeconds(1))
            .listener(recorder)
            .build()) {
      consumer.start();
      pgmq(emf, p -> p.sendBatch(queue, List.of(Map.of("a", 1), Map.of("a", 2))));
      await().atMost(Duration.ofSeconds(10)).until(() -> recorder.processed.size() == 2);
    }
    assertThat(queueLength(db, queue)).isZero();
    assertThat(queryLong(db, "select count(*) from pgmq.a_" + queue)).isEqualTo(2);
  }

  @Test
  void deliveryOverrunByAnotherWorkerAfterItsVisibilityTimeoutIsRolledBack(TestDatabase db) {
    String queue = db.uniqueName("overrun");
    createQueue(emf, queue);
    ConsumerTests.Recorder recorder = new ConsumerTests.Recorder();
    try (PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(queue)
            .handler(
                JsonNode.class,
                (payload, ctx) -> {
                  ctx.entityManager().persist(new Effect("overrun", ctx.readCt()));
                  if (ctx.readCt() == 1) {
                    Thread.sleep(2500); // outlives the 1 s visibility timeout
                  }
                })
            .concurrency(2)
            .batchSize(1)
            .visibilityTimeout(Duration.ofSeconds(1))
            .maxPoll(Duration.ofSeconds(1))
            .pollInterval(Duration.ofMillis(20))
            .listener(recorder)
            .build()) {
      consumer.start();
      pgmq(emf, p -> p.send(queue, Map.of("k", "v")));
      await().atMost(Duration.ofSeconds(15)).until(() -> recorder.failures.size() == 1);
    }

    assertThat(recorder.processed).hasSize(1);
    assertThat(recorder.processed.get(0).readCt()).isEqualTo(2);
    assertThat(recorder.failures.get(0)).isInstanceOf(MessageGoneException.class);
    assertThat(recorder.retryDelays).containsOnlyNulls();
    assertThat(effects(db, "overrun")).as("the overrun delivery's effect rolled back").isOne();
    assertThat(queueLength(db, queue)).isZero();
  }

  @Test
  void extendedVisibilityKeepsABatchOutlivingItsTimeoutFromBeingRedelivered(TestDatabase db) {
    String queue = db.uniqueName("extended");
    createQueue(emf, queue);
    ConsumerTests.Recorder recorder = new ConsumerTests.Recorder();
    try (PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(queue)
            .handler(JsonNode.class, (payload, ctx) -> Thread.sleep(900))
            .concurrency(3)
            .batchSize(3)
            .visibilityTimeout(Duration.ofSeconds(2))
            .extendVisibility(true)
            .maxPoll(Duration.ofSeconds(1))
            .pollInterval(Duration.ofMillis(20))
            .listener(recorder)
            .build()) {
      consumer.start();
      pgmq(
          emf,
          p ->
              p.sendBatch(
                  queue,
                  List.of(
                      Map.of("a", 1),
                      Map.of("a", 2),
                      Map.of("a", 3),
                      Map.of("a", 4),
                      Map.of("a", 5),
                      Map.of("a", 6))));
      await().atMost(Duration.ofSeconds(20)).until(() -> recorder.processed.size() == 6);
    }

    // each batch took ~2.7 s against a 2 s timeout: without extension, the idle third worker
    // would have read their last messages again
    assertThat(recorder.received).hasSize(6);
    assertThat(recorder.processed).allSatisfy(m -> assertThat(m.readCt()).isOne());
    assertThat(recorder.failures).isEmpty();
    assertThat(queueLength(db, queue)).isZero();
  }
}
