package dev.pgmq.outbox.consumer;

import static dev.pgmq.outbox.consumer.ConsumerTests.createQueue;
import static dev.pgmq.outbox.consumer.ConsumerTests.entityManagerFactory;
import static dev.pgmq.outbox.consumer.ConsumerTests.pgmq;
import static dev.pgmq.outbox.consumer.ConsumerTests.queueLength;
import static dev.pgmq.outbox.consumer.ConsumerTests.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.SendOptions;
import dev.pgmq.outbox.EnvelopeHeaders;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@PgmqDatabaseTest
class DeadLetterIT {

  private static EntityManagerFactory emf;

  @BeforeAll
  static void setUp(TestDatabase db) {
    emf = entityManagerFactory(db, 4);
  }

  @AfterAll
  static void tearDown() {
    emf.close();
  }

  record Order(String id, int qty) {}

  private static PgmqConsumerBuilder consumer(String queue, ConsumerTests.Recorder recorder) {
    return PgmqConsumer.builder(emf)
        .queue(queue)
        .visibilityTimeout(Duration.ofSeconds(10))
        .batchSize(2)
        .maxPoll(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(20))
        .backoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 2.0, 0.0))
        .maxAttempts(3)
        .listener(recorder);
  }

  @Test
  void alwaysFailingMessageIsDeadLetteredAfterMaxAttemptsAndReplayBringsItBack(TestDatabase db) {
    String queue = db.uniqueName("orders");
    createQueue(emf, queue);
    ConsumerTests.Recorder recorder = new ConsumerTests.Recorder();
    AtomicInteger calls = new AtomicInteger();
    long msgId;
    try (PgmqConsumer consumer =
        consumer(queue, recorder)
            .handler(
                Order.class,
                (order, ctx) -> {
                  calls.incrementAndGet();
                  throw new IllegalStateException("cannot ship " + order.id());
                })
            .build()) {
      consumer.start();
      msgId =
          pgmq(
              emf,
              p ->
                  p.send(
                      queue,
                      new Order("o-1", 2),
                      SendOptions.of(Map.of("x-tenant", "acme", "n", 7))));
      await().atMost(Duration.ofSeconds(10)).until(() -> recorder.deadLettered.size() == 1);
    }

    assertThat(calls.get()).isEqualTo(3);
    assertThat(recorder.deadLettered).containsExactly(DeadLetterHeaders.REASON_MAX_ATTEMPTS);
    assertThat(queueLength(db, queue)).isZero();
    List<ConsumerTests.Row> dead = rows(db, queue + "_dlq");
    assertThat(dead).hasSize(1);
    JsonNode headers = dead.get(0).headers();
    assertThat(headers.get(DeadLetterHeaders.REASON).asText()).isEqualTo("max-attempts");
    assertThat(headers.get(DeadLetterHeaders.EXCEPTION).asText())
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(headers.get(DeadLetterHeaders.EXCEPTION_MESSAGE).asText())
        .isEqualTo("cannot ship o-1");
    assertThat(headers.get(DeadLetterHeaders.ATTEMPTS).asInt()).isEqualTo(3);
    assertThat(headers.get(DeadLetterHeaders.ORIGINAL_QUEUE).asText()).isEqualTo(queue);
    assertThat(headers.get(DeadLetterHeaders.ORIGINAL_MSG_ID).asLong()).isEqualTo(msgId);
    assertThat(headers.get(DeadLetterHeaders.DEAD_LETTERED_AT).asText()).isNotBlank();
    assertThat(headers.get("x-tenant").asText()).as("original headers kept").isEqualTo("acme");
    assertThat(dead.get(0).message().get("id").asText()).isEqualTo("o-1");

    // replay: back to the original queue, without the dead-letter headers, processed this time
    ConsumerTests.Recorder second = new ConsumerTests.Recorder();
    try (PgmqConsumer consumer =
        consumer(queue, second).handler(Order.class, (order, ctx) -> {}).build()) {
      assertThat(consumer.replayDeadLetters(10)).isEqualTo(1);
      assertThat(rows(db, queue + "_dlq")).isEmpty();
      List<ConsumerTests.Row> back = rows(db, queue);
      assertThat(back).hasSize(1);
      assertThat(back.get(0).readCt()).isZero();
      assertThat(back.get(0).message().get("id").asText()).isEqualTo("o-1");
      assertThat(back.get(0).headers().get("x-tenant").asText()).isEqualTo("acme");
      assertThat(back.get(0).headers().get("n").asInt()).isEqualTo(7);
      DeadLetterHeaders.ALL.forEach(h -> assertThat(back.get(0).headers().has(h)).isFalse());

      consumer.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> second.processed.size() == 1);
    }
    assertThat(queueLength(db, queue)).isZero();
    assertThat(second.failures).isEmpty();
  }

  @Test
  void nonRetryableFailureIsDeadLetteredAtOnce(TestDatabase db) {
    String queue = db.uniqueName("payments");
    createQueue(emf, queue);
    ConsumerTests.Recorder recorder = new ConsumerTests.Recorder();
    try (PgmqConsumer consumer =
        consumer(queue, recorder)
            .maxAttempts(10)
            .nonRetryable(ArithmeticException.class)
            .handler(
                Order.class,
                (order, ctx) -> {
                  if (order.qty() < 0) {
                    throw new NonRetryableException(
                        "rejected", new IllegalArgumentException("negative quantity"));
                  }
                  if (order.qty() == 0) {
                    throw new IllegalStateException("wrapped", new ArithmeticException("/ 0"));
                  }
                })
            .build()) {
      consumer.start();
      pgmq(emf, p -> p.sendBatch(queue, List.of(new Order("bad", -1), new Order("zero", 0))));
      await().atMost(Duration.ofSeconds(10)).until(() -> recorder.deadLettered.size() == 2);
    }

    assertThat(recorder.failures).hasSize(2);
    assertThat(recorder.retryDelays).containsOnlyNulls();
    List<ConsumerTests.Row> dead = rows(db, queue + "_dlq");
    assertThat(dead).hasSize(2);
    assertThat(dead)
        .allSatisfy(
            row -> {
              assertThat(row.headers().get(DeadLetterHeaders.REASON).asText())
                  .isEqualTo("non-retryable");
              assertThat(row.headers().get(DeadLetterHeaders.ATTEMPTS).asInt()).isEqualTo(1);
            });
    assertThat(dead)
        .extracting(row -> row.headers().get(DeadLetterHeaders.EXCEPTION).asText())
        .containsExactlyInAnyOrder(
            NonRetryableException.class.getName(), IllegalStateException.class.getName());
    assertThat(queueLength(db, queue)).isZero();
  }

  @Test
  void unreadablePayloadAndUnknownEventTypeAreDeadLetteredAtOnce(TestDatabase db) {
    String queue = db.uniqueName("events");
    createQueue(emf, queue);
    ConsumerTests.Recorder recorder = new ConsumerTests.Recorder();
    AtomicInteger placed = new AtomicInteger();
    try (PgmqConsumer consumer =
        consumer(queue, recorder)
            .on("order.placed", Order.class, (order, ctx) -> placed.incrementAndGet())
            .build()) {
      consumer.start();
      pgmq(
          emf,
          p ->
              p.sendBatch(
                  queue,
                  List.of(
                      new Order("ok", 1),
                      Map.of("id", List.of("not", "a", "string")),
                      new Order("other", 1)),
                  List.of(
                      Map.of(EnvelopeHeaders.EVENT_TYPE, "order.placed"),
                      Map.of(EnvelopeHeaders.EVENT_TYPE, "order.placed"),
                      Map.of(EnvelopeHeaders.EVENT_TYPE, "order.cancelled")),
                  SendOptions.NONE));
      await().atMost(Duration.ofSeconds(10)).until(() -> recorder.deadLettered.size() == 2);
    }

    assertThat(placed.get()).isEqualTo(1);
    assertThat(recorder.processed).hasSize(1);
    assertThat(rows(db, queue + "_dlq"))
        .extracting(row -> row.headers().get(DeadLetterHeaders.EXCEPTION).asText())
        .containsExactlyInAnyOrder(
            dev.pgmq.jpa.PgmqSerializationException.class.getName(),
            NoHandlerException.class.getName());
    assertThat(rows(db, queue + "_dlq"))
        .allSatisfy(r -> assertThat(r.headers().get(DeadLetterHeaders.ATTEMPTS).asInt()).isOne());
  }

  @Test
  void messageRedeliveredMoreOftenThanAllowedIsDeadLetteredWithoutCallingTheHandler(
      TestDatabase db) {
    String queue = db.uniqueName("poison");
    createQueue(emf, queue);
    long msgId = pgmq(emf, p -> p.send(queue, new Order("p-1", 1)));
    for (int i = 0; i < 3; i++) { // three deliveries whose workers died
      pgmq(emf, p -> p.read(queue, Duration.ofSeconds(30)));
      pgmq(emf, p -> p.setVt(queue, msgId, Duration.ZERO));
    }
    ConsumerTests.Recorder recorder = new ConsumerTests.Recorder();
    AtomicInteger calls = new AtomicInteger();
    try (PgmqConsumer consumer =
        consumer(queue, recorder)
            .handler(Order.class, (o, ctx) -> calls.incrementAndGet())
            .build()) {
      consumer.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> recorder.deadLettered.size() == 1);
    }
    assertThat(calls.get()).isZero();
    assertThat(recorder.deadLettered).containsExactly(DeadLetterHeaders.REASON_REDELIVERED);
    JsonNode headers = rows(db, queue + "_dlq").get(0).headers();
    assertThat(headers.get(DeadLetterHeaders.ATTEMPTS).asInt()).isEqualTo(4);
    assertThat(headers.has(DeadLetterHeaders.EXCEPTION)).isFalse();
  }
}
