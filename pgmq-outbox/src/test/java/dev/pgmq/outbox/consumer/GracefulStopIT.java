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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@PgmqDatabaseTest
class GracefulStopIT {

  private static final int MESSAGES = 40;

  private static EntityManagerFactory emf;

  @BeforeAll
  static void setUp(TestDatabase db) {
    emf = entityManagerFactory(db, 6);
  }

  @AfterAll
  static void tearDown() {
    emf.close();
  }

  private static void send(String queue) {
    List<Map<String, Integer>> batch = new ArrayList<>();
    for (int n = 0; n < MESSAGES; n++) {
      batch.add(Map.of("n", n));
    }
    pgmq(emf, p -> p.sendBatch(queue, batch));
  }

  private static long effects(TestDatabase db, String queue) {
    return queryLong(
        db, "select count(*) from consumer_effect where effectKey like '" + queue + ":%'");
  }

  private static long hidden(TestDatabase db, String queue) {
    return queryLong(db, "select count(*) from pgmq.q_" + queue + " where vt > clock_timestamp()");
  }

  @Test
  void stopLetsRunningHandlersFinishAndMakesTheRestVisibleAgain(TestDatabase db) throws Exception {
    String queue = db.uniqueName("stop");
    createQueue(emf, queue);
    send(queue);
    ConsumerTests.Recorder recorder = new ConsumerTests.Recorder();
    CountDownLatch bothBusy = new CountDownLatch(2);
    PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(queue)
            .handler(
                JsonNode.class,
                (payload, ctx) -> {
                  bothBusy.countDown();
                  ctx.entityManager()
                      .persist(new Effect(queue + ":" + payload.get("n").asInt(), 0));
                  Thread.sleep(400);
                })
            .concurrency(2)
            .batchSize(10)
            .visibilityTimeout(Duration.ofSeconds(60))
            .maxPoll(Duration.ofSeconds(1))
            .listener(recorder)
            .build();
    consumer.start();
    assertThat(bothBusy.await(20, TimeUnit.SECONDS)).isTrue();

    long before = System.nanoTime();
    assertThat(consumer.stop(Duration.ofSeconds(10))).as("stopped within the timeout").isTrue();
    Duration stopping = Duration.ofNanos(System.nanoTime() - before);

    assertThat(consumer.isRunning()).isFalse();
    assertThat(stopping).isLessThan(Duration.ofSeconds(5));
    // the in-flight handlers finished and committed
    assertThat(recorder.processed).hasSizeGreaterThanOrEqualTo(2);
    assertThat(effects(db, queue)).isEqualTo(recorder.processed.size());
    // nothing lost, and what was not handled is visible again at once (vt was 60 s)
    assertThat(effects(db, queue) + queueLength(db, queue)).isEqualTo(MESSAGES);
    assertThat(queueLength(db, queue)).isGreaterThan(0);
    assertThat(hidden(db, queue)).isZero();
    assertThat(recorder.failures).isEmpty();
  }

  @Test
  void handlersOutlivingTheTimeoutAreInterruptedAndTheirMessagesReleased(TestDatabase db)
      throws Exception {
    String queue = db.uniqueName("abandon");
    createQueue(emf, queue);
    send(queue);
    ConsumerTests.Recorder recorder = new ConsumerTests.Recorder();
    CountDownLatch busy = new CountDownLatch(1);
    PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(queue)
            .handler(
                JsonNode.class,
                (payload, ctx) -> {
                  ctx.entityManager()
                      .persist(new Effect(queue + ":" + payload.get("n").asInt(), 0));
                  busy.countDown();
                  Thread.sleep(30_000);
                })
            .batchSize(5)
            .visibilityTimeout(Duration.ofSeconds(60))
            .expectedHandlerTime(Duration.ofSeconds(10))
            .maxPoll(Duration.ofSeconds(1))
            .listener(recorder)
            .build();
    consumer.start();
    assertThat(busy.await(20, TimeUnit.SECONDS)).isTrue();

    assertThat(consumer.stop(Duration.ofMillis(300))).as("timed out").isFalse();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(hidden(db, queue)).isZero());
    assertThat(queueLength(db, queue)).isEqualTo(MESSAGES);
    assertThat(effects(db, queue)).as("the interrupted handler's work rolled back").isZero();
    assertThat(recorder.failures).hasSize(1);
    assertThat(recorder.retryDelays).containsExactly(Duration.ZERO);
    assertThat(recorder.deadLettered).isEmpty();
  }
}
