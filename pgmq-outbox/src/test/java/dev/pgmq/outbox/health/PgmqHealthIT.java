package dev.pgmq.outbox.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.InvalidQueueNameException;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqSchema;
import dev.pgmq.jpa.SchemaMode;
import dev.pgmq.jpa.testing.TestPersistenceUnit;
import dev.pgmq.outbox.consumer.NonRetryableException;
import dev.pgmq.outbox.consumer.PgmqConsumer;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@PgmqDatabaseTest
class PgmqHealthIT {

  private static EntityManagerFactory emf;

  @BeforeAll
  static void setUp(TestDatabase db) {
    emf = factory(db.jdbcUrl(), db);
  }

  @AfterAll
  static void tearDown() {
    emf.close();
  }

  @Test
  void reportsInstallDepthAgeAndDeadLettersOfEachQueue(TestDatabase db) throws Exception {
    String queue = db.uniqueName("health");
    inTx(
        p -> {
          p.createQueue(queue);
          p.createQueue(queue + "_dlq");
          p.send(queue, Map.of("n", 1));
          p.send(queue, Map.of("n", 2));
          p.send(queue + "_dlq", Map.of("n", 3));
        });
    age(db, queue, 30);

    HealthReport report = PgmqHealth.builder(emf).queue(queue).build().check();

    assertThat(report.databaseReachable()).isTrue();
    assertThat(report.pgmqInstalled()).isTrue();
    assertThat(report.pgmqInstall()).isIn("EXTENSION", "SQL");
    assertThat(report.pgmqVersion()).matches("\\d+\\.\\d+(\\.\\d+)?");
    assertThat(report.status()).isEqualTo(HealthStatus.UP);
    QueueHealth q = report.queues().get(0);
    assertThat(q.queue()).isEqualTo(queue);
    assertThat(q.exists()).isTrue();
    assertThat(q.depth()).isEqualTo(2);
    assertThat(q.oldestMessageAge()).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(90));
    assertThat(q.deadLetterQueue()).isEqualTo(queue + "_dlq");
    assertThat(q.deadLetterDepth()).isEqualTo(1);
    assertThat(q.problems()).isEmpty();
  }

  @Test
  void thresholdsTurnTheQueueDownWithTheReason(TestDatabase db) throws Exception {
    String queue = db.uniqueName("limits");
    inTx(
        p -> {
          p.createQueue(queue);
          p.createQueue(queue + "_dlq");
          p.send(queue, Map.of("n", 1));
          p.send(queue, Map.of("n", 2));
          p.send(queue, Map.of("n", 3));
          p.send(queue + "_dlq", Map.of("n", 4));
        });
    age(db, queue, 120);

    HealthReport report =
        PgmqHealth.builder(emf)
            .queue(queue)
            .thresholds(
                HealthThresholds.none()
                    .withMaxQueueDepth(2)
                    .withMaxOldestMessageAge(Duration.ofMinutes(1))
                    .withMaxDeadLetters(0))
            .build()
            .check();

    assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(report.queues().get(0).problems())
        .hasSize(3)
        .anySatisfy(p -> assertThat(p).contains("depth 3 exceeds the limit 2"))
        .anySatisfy(p -> assertThat(p).contains("older than the limit PT1M"))
        .anySatisfy(p -> assertThat(p).contains("holds 1 message(s), more than the limit 0"));
    assertThat(report.consumerStatus()).isEqualTo(HealthStatus.UP);

    HealthReport relaxed =
        PgmqHealth.builder(emf)
            .queue(queue)
            .thresholds(HealthThresholds.none().withMaxQueueDepth(3).withMaxDeadLetters(1))
            .build()
            .check();
    assertThat(relaxed.status()).isEqualTo(HealthStatus.UP);
  }

  @Test
  void consumersRunningFollowTheirLifecycle(TestDatabase db) throws Exception {
    String queue = db.uniqueName("consumed");
    inTx(p -> p.createQueue(queue));
    PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(queue)
            .handler(
                JsonNode.class,
                (event, ctx) -> {
                  throw new NonRetryableException("poison");
                })
            .maxPoll(Duration.ofSeconds(1))
            .build();
    PgmqHealth health = PgmqHealth.builder(emf).consumer(consumer).build();

    HealthReport before = health.check();
    assertThat(before.queues().get(0).consumers()).isEqualTo(1);
    assertThat(before.queues().get(0).consumersRunning()).isZero();
    assertThat(before.consumerStatus()).isEqualTo(HealthStatus.DOWN);
    assertThat(before.allProblems()).containsExactly(queue + ": 1 of 1 consumer(s) not running");

    consumer.start();
    try {
      HealthReport running = health.check();
      assertThat(running.queues().get(0).consumersRunning()).isEqualTo(1);
      assertThat(running.status()).isEqualTo(HealthStatus.UP);
      assertThat(running.consumerStatus()).isEqualTo(HealthStatus.UP);
    } finally {
      consumer.close();
    }
    assertThat(health.check().consumerStatus()).isEqualTo(HealthStatus.DOWN);
  }

  @Test
  void missingQueueIsDown(TestDatabase db) {
    String queue = db.uniqueName("nowhere");
    HealthReport report = PgmqHealth.builder(emf).queue(queue).build().check();
    assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(report.queues().get(0).exists()).isFalse();
    assertThat(report.allProblems()).containsExactly(queue + ": queue does not exist");
  }

  @Test
  void databaseWithoutPgmqIsReportedNotInstalled(TestDatabase db) throws Exception {
    String other = db.name() + "_bare";
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("create database \"" + other + "\"");
    }
    String url = db.server().jdbcUrl(other);
    EntityManagerFactory bare = factory(url, db);
    try {
      HealthReport report = PgmqHealth.builder(bare).queue("orders").build().check();
      assertThat(report.databaseReachable()).isTrue();
      assertThat(report.pgmqInstalled()).isFalse();
      assertThat(report.pgmqVersion()).isNull();
      assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
      assertThat(report.problems()).containsExactly("PGMQ is not installed in the database");
      try (Connection c = java.sql.DriverManager.getConnection(url, db.user(), db.password())) {
        assertThat(PgmqSchema.status(c)).isEmpty();
        PgmqSchema.ensure(c, SchemaMode.EXTENSION_OR_SQL);
        assertThat(PgmqSchema.status(c)).isPresent();
      }
      assertThat(PgmqHealth.builder(bare).build().check().status()).isEqualTo(HealthStatus.UP);
    } finally {
      bare.close();
      try (Connection c = db.connect();
          Statement s = c.createStatement()) {
        s.execute("drop database if exists \"" + other + "\" with (force)");
      }
    }
  }

  @Test
  void unreachableDatabaseIsReportedNotThrown(TestDatabase db) {
    String queue = db.uniqueName("offline");
    EntityManagerFactory gone = factory(db.jdbcUrl(), db);
    PgmqHealth health = PgmqHealth.builder(gone).queue(queue).build();
    gone.close();
    HealthReport report = health.check();
    assertThat(report.databaseReachable()).isFalse();
    assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(report.problems()).singleElement().asString().startsWith("database: ");
  }

  @Test
  void invalidQueueNameIsRejectedAtBuild() {
    assertThatThrownBy(() -> PgmqHealth.builder(emf).queue("no such-queue").build())
        .isInstanceOf(InvalidQueueNameException.class);
    assertThatThrownBy(() -> HealthThresholds.none().withMaxQueueDepth(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxQueueDepth");
  }

  private static void inTx(Consumer<Pgmq> work) {
    EntityManager em = emf.createEntityManager();
    try {
      em.getTransaction().begin();
      work.accept(Pgmq.using(em));
      em.getTransaction().commit();
    } finally {
      em.close();
    }
  }

  /** Backdates the queue's messages by {@code seconds}. */
  private static void age(TestDatabase db, String queue, int seconds) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "update pgmq.q_"
              + queue
              + " set enqueued_at = enqueued_at - interval '"
              + seconds
              + " seconds'");
    }
  }

  private static EntityManagerFactory factory(String url, TestDatabase db) {
    return new TestPersistenceUnit("health-" + System.nanoTime())
        .jdbcUrl(url)
        .jdbcCredentials(db.user(), db.password())
        .jdbcPoolSize(2)
        .createEntityManagerFactory();
  }
}
