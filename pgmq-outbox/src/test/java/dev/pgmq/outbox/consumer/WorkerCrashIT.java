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
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@PgmqDatabaseTest
class WorkerCrashIT {

  static final int VT_SECONDS = 3;

  private static EntityManagerFactory emf;

  @BeforeAll
  static void setUp(TestDatabase db) {
    emf = entityManagerFactory(db, 4);
  }

  @AfterAll
  static void tearDown() {
    emf.close();
  }

  record Delivery(long msgId, int readCt, Instant readAt) {}

  @Test
  void messageOfAKilledWorkerIsRedeliveredAfterItsVisibilityTimeoutAndAppliedOnce(TestDatabase db)
      throws Exception {
    String queue = db.uniqueName("crash");
    createQueue(emf, queue);
    long msgId = pgmq(emf, p -> p.send(queue, Map.of("key", "crash-1")));

    Path log = Files.createTempFile("crashing-worker", ".log");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CrashingWorkerMain.class.getName(),
                db.jdbcUrl(),
                db.user(),
                db.password(),
                queue)
            .redirectError(log.toFile())
            .start();
    try {
      String line = firstLine(child, Duration.ofSeconds(60));
      assertThat(line).as("child output; its log: " + log).isEqualTo("HANDLING " + msgId);
    } finally {
      child.destroyForcibly(); // SIGKILL, mid-handler
      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    // the killed transaction rolled back: no effect, the message still in the queue, hidden until
    // the visibility timeout the child's read set
    assertThat(effects(db, "crash-1")).isZero();
    assertThat(queueLength(db, queue)).isEqualTo(1);
    Instant childVt = visibleAt(db, queue, msgId);

    List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    try (PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(queue)
            .handler(
                JsonNode.class,
                (payload, ctx) -> {
                  deliveries.add(
                      new Delivery(ctx.msgId(), ctx.readCt(), ctx.message().lastReadAt()));
                  ctx.entityManager().persist(new Effect(payload.get("key").asText(), 0));
                })
            .batchSize(1)
            .maxPoll(Duration.ofSeconds(1))
            .pollInterval(Duration.ofMillis(50))
            .build()) {
      consumer.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> !deliveries.isEmpty());
      await().atMost(Duration.ofSeconds(5)).until(() -> queueLength(db, queue) == 0);
    }

    assertThat(deliveries).hasSize(1);
    Delivery redelivery = deliveries.get(0);
    assertThat(redelivery.msgId()).isEqualTo(msgId);
    assertThat(redelivery.readCt()).isEqualTo(2);
    assertThat(redelivery.readAt()).as("redelivered after the visibility timeout").isAfter(childVt);
    assertThat(effects(db, "crash-1")).isEqualTo(1);
    Files.deleteIfExists(log);
  }

  private static Instant visibleAt(TestDatabase db, String queue, long msgId) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("select vt from pgmq.q_" + queue + " where msg_id = " + msgId)) {
      rs.next();
      return rs.getTimestamp(1).toInstant();
    }
  }

  private static String firstLine(Process child, Duration timeout) throws Exception {
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                String l;
                while ((l = out.readLine()) != null) {
                  if (l.startsWith("HANDLING")) {
                    return l;
                  }
                }
                return null;
              } catch (Exception e) {
                return "error: " + e;
              }
            });
    return line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
