package dev.pgmq.outbox.consumer;

import static dev.pgmq.outbox.consumer.ConsumerTests.createQueue;
import static dev.pgmq.outbox.consumer.ConsumerTests.effects;
import static dev.pgmq.outbox.consumer.ConsumerTests.entityManagerFactory;
import static dev.pgmq.outbox.consumer.ConsumerTests.pgmq;
import static dev.pgmq.outbox.consumer.ConsumerTests.queueLength;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pgmq.jpa.Message;
import dev.pgmq.outbox.OutboxEvent;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code batchHandler}: a worker's whole read handled and acknowledged in one transaction. */
@PgmqDatabaseTest
class BatchHandlerIT {

  @OutboxEvent(queue = "unused")
  record Priced(int n, BigDecimal price) {}

  private static EntityManagerFactory emf;

  @BeforeAll
  static void setUp(TestDatabase db) {
    emf = entityManagerFactory(db, 4);
  }

  @AfterAll
  static void tearDown() {
    emf.close();
  }

  @Test
  void wholeBatchesAreHandledWithTheirWritesAndAcknowledgedTogether(TestDatabase db) {
    String queue = db.uniqueName("batched");
    createQueue(emf, queue);
    List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
    List<Priced> seen = Collections.synchronizedList(new ArrayList<>());
    ConsumerTests.Recorder recorder = new ConsumerTests.Recorder();
    pgmq(emf, p -> p.sendBatch(queue, priced(25)));
    try (PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(queue)
            .batchHandler(
                Priced.class,
                (messages, em) -> {
                  sizes.add(messages.size());
                  for (Message<Priced> m : messages) {
                    seen.add(m.message());
                    em.persist(new Effect(queue, m.message().n()));
                  }
                })
            .batchSize(10)
            .maxPoll(Duration.ofSeconds(1))
            .listener(recorder)
            .build()) {
      consumer.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> recorder.processed.size() == 25);
    }
    assertThat(queueLength(db, queue)).isZero();
    assertThat(effects(db, queue)).isEqualTo(25);
    assertThat(sizes).allMatch(n -> n >= 1 && n <= 10).anyMatch(n -> n > 1);
    assertThat(seen).extracting(Priced::price).allMatch(p -> p.equals(new BigDecimal("19.90")));
  }

  @Test
  void aFailingBatchRollsBackEveryWriteAndRetriesEveryMessage(TestDatabase db) {
    String queue = db.uniqueName("batch_retry");
    createQueue(emf, queue);
    AtomicBoolean failed = new AtomicBoolean();
    ConsumerTests.Recorder recorder = new ConsumerTests.Recorder();
    pgmq(emf, p -> p.sendBatch(queue, priced(5)));
    try (PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(queue)
            .batchHandler(
                Priced.class,
                (messages, em) -> {
                  messages.forEach(m -> em.persist(new Effect(queue, m.message().n())));
                  if (failed.compareAndSet(false, true)) {
                    throw new IllegalStateException("first batch fails");
                  }
                })
            .batchSize(10)
            .backoff(Backoff.exponential(Duration.ofMillis(100), Duration.ofMillis(100)))
            .maxPoll(Duration.ofSeconds(1))
            .pollInterval(Duration.ofMillis(20))
            .listener(recorder)
            .build()) {
      consumer.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> recorder.processed.size() == 5);
    }
    assertThat(effects(db, queue)).isEqualTo(5);
    assertThat(recorder.failures).hasSize(5);
    assertThat(recorder.processed).extracting(Message::readCt).containsOnly(2);
    assertThat(queueLength(db, queue)).isZero();
  }

  @Test
  void anUnreadablePayloadIsDeadLetteredAloneAndTheRestOfItsBatchIsHandled(TestDatabase db) {
    String queue = db.uniqueName("batch_poison");
    createQueue(emf, queue);
    ConsumerTests.Recorder recorder = new ConsumerTests.Recorder();
    List<Object> payloads = new ArrayList<>(priced(3));
    payloads.add(1, Map.of("n", "not a number"));
    pgmq(emf, p -> p.sendBatch(queue, payloads));
    try (PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(queue)
            .batchHandler(
                Priced.class,
                (messages, em) ->
                    messages.forEach(m -> em.persist(new Effect(queue, m.message().n()))))
            .batchSize(10)
            .maxPoll(Duration.ofSeconds(1))
            .listener(recorder)
            .build()) {
      consumer.start();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> recorder.processed.size() == 3 && recorder.deadLettered.size() == 1);
    }
    assertThat(effects(db, queue)).isEqualTo(3);
    assertThat(recorder.deadLettered).containsExactly(DeadLetterHeaders.REASON_NON_RETRYABLE);
    assertThat(queueLength(db, queue + "_dlq")).isEqualTo(1);
  }

  @Test
  void aBatchHandlerExcludesMessageHandlers() {
    assertThatThrownBy(
            () ->
                PgmqConsumer.builder(emf)
                    .queue("q")
                    .handler(Priced.class, (p, ctx) -> {})
                    .batchHandler(Priced.class, (messages, em) -> {})
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batchHandler");
  }

  private static List<Priced> priced(int n) {
    return IntStream.rangeClosed(1, n)
        .mapToObj(i -> new Priced(i, new BigDecimal("19.90")))
        .toList();
  }
}
