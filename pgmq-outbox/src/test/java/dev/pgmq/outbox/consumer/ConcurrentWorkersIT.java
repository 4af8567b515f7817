package dev.pgmq.outbox.consumer;

import static dev.pgmq.outbox.consumer.ConsumerTests.createQueue;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@PgmqDatabaseTest
class ConcurrentWorkersIT {

  private static final int MESSAGES = 10_000;
  private static final int WORKERS = 4;

  private static EntityManagerFactory emf;

  @BeforeAll
  static void setUp(TestDatabase db) {
    emf = entityManagerFactory(db, WORKERS + 4);
  }

  @AfterAll
  static void tearDown() {
    emf.close();
  }

  @Test
  void fourWorkersProcessTenThousandMessagesExactlyOnce(TestDatabase db) {
    String queue = db.uniqueName("load");
    createQueue(emf, queue);
    for (int from = 0; from < MESSAGES; from += 1000) {
      List<Map<String, Integer>> batch = new ArrayList<>();
      IntStream.range(from, from + 1000).forEach(n -> batch.add(Map.of("n", n)));
      pgmq(emf, p -> p.sendBatch(queue, batch));
    }
    ConsumerTests.Recorder recorder = new ConsumerTests.Recorder();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    long start = System.nanoTime();
    try (PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(queue)
            .handler(
                JsonNode.class,
                (payload, ctx) -> {
                  threads.add(Thread.currentThread().getName());
                  int n = payload.get("n").asInt();
                  ctx.entityManager().persist(new Effect("m" + n, n));
                })
            .concurrency(WORKERS)
            .batchSize(50)
            .visibilityTimeout(Duration.ofSeconds(30))
            .expectedHandlerTime(Duration.ofMillis(100))
            .maxPoll(Duration.ofSeconds(1))
            .listener(recorder)
            .build()) {
      consumer.start();
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> recorder.processed.size() >= MESSAGES);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    System.out.printf(
        "%d messages, %d workers: %d ms, %.0f msg/s%n",
        MESSAGES, WORKERS, took.toMillis(), MESSAGES * 1e9 / took.toNanos());

    assertThat(recorder.processed).hasSize(MESSAGES);
    assertThat(recorder.failures).isEmpty();
    assertThat(threads).hasSize(WORKERS);
    assertThat(queryLong(db, "select count(*) from consumer_effect")).isEqualTo(MESSAGES);
    assertThat(queryLong(db, "select count(distinct effectKey) from consumer_effect"))
        .isEqualTo(MESSAGES);
    assertThat(queueLength(db, queue)).isZero();
  }
}
