package dev.pgmq.outbox.consumer;

import static dev.pgmq.outbox.consumer.ConsumerTests.createQueue;
import static dev.pgmq.outbox.consumer.ConsumerTests.entityManagerFactory;
import static dev.pgmq.outbox.consumer.ConsumerTests.pgmq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@PgmqDatabaseTest
class NotifyWakeUpIT {

  private static final Duration MAX_POLL = Duration.ofSeconds(10);

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
  void insertNotificationWakesAnIdleWorkerLongBeforeThePollInterval(TestDatabase db)
      throws Exception {
    String queue = db.uniqueName("notified");
    createQueue(emf, queue);
    pgmq(
        emf,
        p -> {
          p.enableNotifyInsert(queue, Duration.ofMillis(10));
          return null;
        });
    BlockingQueue<Long> handledAt = new ArrayBlockingQueue<>(10);
    try (PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(queue)
            .handler(JsonNode.class, (payload, ctx) -> handledAt.add(System.nanoTime()))
            .pollStrategy(PollStrategy.AUTO) // notifications are on: LISTEN
            .maxPoll(MAX_POLL)
            .pollInterval(MAX_POLL)
            .shutdownTimeout(Duration.ofSeconds(2))
            .build()) {
      consumer.start();
      Thread.sleep(1500); // every worker has read the empty queue and waits

      for (int round = 0; round < 3; round++) {
        long sentAt = System.nanoTime();
        pgmq(emf, p -> p.send(queue, Map.of("hello", "world")));
        Long at = handledAt.poll(MAX_POLL.toSeconds() * 2, TimeUnit.SECONDS);
        assertThat(at).as("handled at all").isNotNull();
        Duration latency = Duration.ofNanos(at - sentAt);
        System.out.println("notify wake-up latency: " + latency.toMillis() + " ms");
        assertThat(latency).isLessThan(Duration.ofSeconds(3));
        Thread.sleep(1200); // past the linger after a notification: idle again
      }
    }
  }

  @Test
  void wakeUpSurvivesTheLossOfTheListeningConnection(TestDatabase db) throws Exception {
    String queue = db.uniqueName("relisten");
    createQueue(emf, queue);
    pgmq(
        emf,
        p -> {
          p.enableNotifyInsert(queue, Duration.ofMillis(10));
          return null;
        });
    BlockingQueue<Long> handledAt = new ArrayBlockingQueue<>(10);
    try (PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(queue)
            .handler(JsonNode.class, (payload, ctx) -> handledAt.add(System.nanoTime()))
            .pollStrategy(PollStrategy.LISTEN)
            .maxPoll(MAX_POLL)
            .pollInterval(MAX_POLL)
            .shutdownTimeout(Duration.ofSeconds(2))
            .build()) {
      consumer.start();
      Thread.sleep(1000);
      String listen = "LISTEN \"pgmq.q_" + queue + ".INSERT\"";
      assertThat(
              ConsumerTests.queryLong(
                  db,
                  "select count(pg_terminate_backend(pid)) from pg_stat_activity"
                      + " where datname = current_database() and query = '"
                      + listen
                      + "'"))
          .as("listening connections terminated")
          .isEqualTo(1);
      // the listener reconnects within about a second and listens again
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  ConsumerTests.queryLong(
                          db,
                          "select count(*) from pg_stat_activity where datname = current_database()"
                              + " and query = '"
                              + listen
                              + "'")
                      == 1);
      Thread.sleep(1200); // past the linger of the reconnection: idle again

      long sentAt = System.nanoTime();
      pgmq(emf, p -> p.send(queue, Map.of("after", "reconnect")));
      Long at = handledAt.poll(MAX_POLL.toSeconds() * 2, TimeUnit.SECONDS);
      assertThat(at).as("handled at all").isNotNull();
      assertThat(Duration.ofNanos(at - sentAt)).isLessThan(Duration.ofSeconds(3));
    }
  }
}
