package dev.pgmq.outbox.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.testing.TestPersistenceUnit;
import dev.pgmq.outbox.consumer.NonRetryableException;
import dev.pgmq.outbox.consumer.PgmqConsumer;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@PgmqDatabaseTest
class MicrometerMetricsIT {

  private static EntityManagerFactory emf;

  @BeforeAll
  static void setUp(TestDatabase db) {
    emf =
        new TestPersistenceUnit("metrics")
            .jdbcUrl(db.jdbcUrl())
            .jdbcCredentials(db.user(), db.password())
            .jdbcPoolSize(4)
            .createEntityManagerFactory();
  }

  @AfterAll
  static void tearDown() {
    emf.close();
  }

  private static void pgmq(Consumer<Pgmq> work) {
    try (EntityManager em = emf.createEntityManager()) {
      em.getTransaction().begin();
      work.accept(Pgmq.using(em));
      em.getTransaction().commit();
    }
  }

  @Test
  void consumerMetricsCountProcessedFailedAndDeadLetteredMessages(TestDatabase db) {
    String queue = db.uniqueName("metered");
    pgmq(p -> p.createQueue(queue));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(queue)
            .handler(
                JsonNode.class,
                (payload, ctx) -> {
                  if (payload.get("ok").asBoolean()) {
                    Thread.sleep(20);
                  } else {
                    throw new NonRetryableException("not ok");
                  }
                })
            .maxPoll(Duration.ofSeconds(1))
            .listener(new PgmqConsumerMetrics(registry))
            .build()) {
      consumer.start();
      pgmq(
          p ->
              p.sendBatch(
                  queue,
                  List.of(
                      Map.of("ok", true),
                      Map.of("ok", true),
                      Map.of("ok", true),
                      Map.of("ok", false))));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> registry.find("pgmq.consumer.dead.lettered").counter() != null);
    }

    assertThat(registry.get("pgmq.consumer.received").tag("queue", queue).counter().count())
        .isEqualTo(4);
    assertThat(registry.get("pgmq.consumer.processed").tag("queue", queue).counter().count())
        .isEqualTo(3);
    assertThat(
            registry
                .get("pgmq.consumer.failed")
                .tag("exception", "NonRetryableException")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("pgmq.consumer.dead.lettered")
                .tag("reason", "non-retryable")
                .counter()
                .count())
        .isEqualTo(1);
    var success = registry.get("pgmq.consumer.handler").tag("outcome", "success").timer();
    assertThat(success.count()).isEqualTo(3);
    assertThat(success.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(60);
    assertThat(registry.get("pgmq.consumer.handler").tag("outcome", "failure").timer().count())
        .isEqualTo(1);
  }

  @Test
  void queueMetricsReportDepthAndAge(TestDatabase db) throws Exception {
    String queue = db.uniqueName("gauged");
    pgmq(p -> p.createQueue(queue));
    pgmq(p -> p.sendBatch(queue, List.of(Map.of("a", 1), Map.of("a", 2), Map.of("a", 3))));
    pgmq(p -> p.readBatch(queue, Duration.ofSeconds(30), 1));
    Thread.sleep(1100);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PgmqQueueMetrics.of(emf, queue).bindTo(registry);

    assertThat(registry.get("pgmq.queue.length").tag("queue", queue).gauge().value()).isEqualTo(3);
    assertThat(registry.get("pgmq.queue.visible.length").tag("queue", queue).gauge().value())
        .isEqualTo(2);
    assertThat(
            registry
                .get("pgmq.queue.oldest.age")
                .tag("queue", queue)
                .timeGauge()
                .value(TimeUnit.SECONDS))
        .isGreaterThanOrEqualTo(1);
    assertThat(registry.get("pgmq.queue.total").tag("queue", queue).functionCounter().count())
        .isEqualTo(3);
  }
}
