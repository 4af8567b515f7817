package dev.pgmq.outbox.consumer;

import static dev.pgmq.outbox.consumer.ConsumerTests.createQueue;
import static dev.pgmq.outbox.consumer.ConsumerTests.effects;
import static dev.pgmq.outbox.consumer.ConsumerTests.entityManagerFactory;
import static dev.pgmq.outbox.consumer.ConsumerTests.pgmq;
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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@PgmqDatabaseTest
class RetryBackoffIT {

  private static EntityManagerFactory emf;

  @BeforeAll
  static void setUp(TestDatabase db) {
    emf = entityManagerFactory(db, 4);
  }

  @AfterAll
  static void tearDown() {
    emf.close();
  }

  record Attempt(int readCt, long atNanos) {}

  @Test
  void handlerFailingTwiceIsRetriedWithBackoffAndAppliedOnce(TestDatabase db) {
    String queue = db.uniqueName("retry");
    createQueue(emf, queue);
    List<Attempt> attempts = new CopyOnWriteArrayList<>();
    ConsumerTests.Recorder recorder = new ConsumerTests.Recorder();
    Backoff backoff = new Backoff(Duration.ofMillis(400), Duration.ofSeconds(5), 2.0, 0.0);
    try (PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(queue)
            .handler(
                JsonNode.class,
                (payload, ctx) -> {
                  attempts.add(new Attempt(ctx.readCt(), System.nanoTime()));
                  ctx.entityManager().persist(new Effect(payload.get("key").asText(), 0));
                  if (ctx.readCt() < 3) {
                    throw new IllegalStateException("transient failure " + ctx.readCt());
                  }
                })
            .visibilityTimeout(Duration.ofSeconds(10))
            .batchSize(1)
            .maxPoll(Duration.ofSeconds(1))
            .pollInterval(Duration.ofMillis(20))
            .backoff(backoff)
            .listener(recorder)
            .build()) {
      consumer.start();
      pgmq(emf, p -> p.send(queue, Map.of("key", "retry-1")));

      await().atMost(Duration.ofSeconds(15)).until(() -> recorder.processed.size() == 1);
    }

    assertThat(attempts).extracting(Attempt::readCt).containsExactly(1, 2, 3);
    assertThat(recorder.processed.get(0).readCt()).isEqualTo(3);
    assertThat(effects(db, "retry-1")).as("effects of failed attempts roll back").isEqualTo(1);
    assertThat(queueLength(db, queue)).isZero();
    assertThat(recorder.failures).hasSize(2).allMatch(e -> e instanceof IllegalStateException);
    assertThat(recorder.retryDelays)
        .containsExactly(Duration.ofMillis(400), Duration.ofMillis(800));
    Duration firstGap = Duration.ofNanos(attempts.get(1).atNanos() - attempts.get(0).atNanos());
    Duration secondGap = Duration.ofNanos(attempts.get(2).atNanos() - attempts.get(1).atNanos());
    // the message came back after the backoff, not after the 10 s visibility timeout
    assertThat(firstGap).isBetween(Duration.ofMillis(380), Duration.ofSeconds(5));
    assertThat(secondGap).isBetween(Duration.ofMillis(780), Duration.ofSeconds(5));
    assertThat(secondGap).isGreaterThan(firstGap);
  }
}
