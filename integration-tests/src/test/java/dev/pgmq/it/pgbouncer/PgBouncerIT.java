package dev.pgmq.it.pgbouncer;

import static dev.pgmq.test.PgmqAssertions.assertThat;
import static dev.pgmq.test.PgmqAssertions.queue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.PgmqClient;
import dev.pgmq.jpa.PgmqSchema;
import dev.pgmq.jpa.SchemaMode;
import dev.pgmq.jpa.SchemaStatus;
import dev.pgmq.outbox.Outbox;
import dev.pgmq.outbox.consumer.PgmqConsumer;
import dev.pgmq.outbox.consumer.PollStrategy;
import dev.pgmq.test.PgBouncer;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.PgmqDrain;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Installer, client, outbox and consumers through PgBouncer 1.18 in transaction pooling, with
 * pgjdbc's {@code prepareThreshold=0}. The database starts without PGMQ: the installer's test runs
 * first and installs it through PgBouncer.
 */
@PgmqDatabaseTest(installPgmq = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PgBouncerIT {

  private static PgBouncer bouncer;
  private static String url;

  @BeforeAll
  static void start(TestDatabase db) {
    PgBouncer.assumeInstalled();
    bouncer = PgBouncer.start(db.server());
    url = bouncer.jdbcUrl(db);
  }

  @AfterAll
  static void stop() {
    if (bouncer != null) {
      bouncer.close();
    }
  }

  @Test
  @Order(1)
  void installerInstallsPgmqThroughPgBouncer(TestDatabase db) throws Exception {
    try (Connection c = DriverManager.getConnection(url, db.user(), db.password())) {
      assertThat(PgmqSchema.status(c)).isEmpty();
      SchemaStatus installed = PgmqSchema.ensure(c, SchemaMode.EXTENSION_OR_SQL);
      assertThat(installed.installedNow()).isTrue();
      assertThat(PgmqSchema.ensure(c, SchemaMode.EXTENSION_OR_SQL).installedNow()).isFalse();
      assertThat(PgmqSchema.status(c)).map(SchemaStatus::version).contains(installed.version());
    }
  }

  @Test
  @Order(2)
  void clientSendsReadsAndAcknowledgesThroughPgBouncer(TestDatabase db) {
    String q = db.uniqueName("bounced");
    try (PgmqClient client = PgmqClient.create(withCredentials(db))) {
      client.createQueue(q);
      for (int i = 0; i < 20; i++) { // far beyond pgjdbc's default prepareThreshold of 5
        client.send(q, Map.of("n", i));
      }
      client.sendBatch(q, List.of(Map.of("n", 20), Map.of("n", 21)));
      assertThat(client.metrics(q).queueLength()).isEqualTo(22);
      int acknowledged = 0;
      Optional<Message<JsonNode>> next;
      while ((next = client.read(q, Duration.ofSeconds(30), JsonNode.class)).isPresent()) {
        assertThat(next.get().message().get("n").asInt()).isEqualTo(acknowledged);
        assertThat(client.delete(q, next.get().msgId())).isTrue();
        acknowledged++;
      }
      assertThat(acknowledged).isEqualTo(22);
    }
    assertThat(queue(db, q)).isEmpty();
  }

  @Test
  @Order(3)
  void outboxSendsInTheTransactionThroughPgBouncer(TestDatabase db) {
    EntityManagerFactory emf = factory(db);
    try {
      inTransaction(emf, em -> dev.pgmq.jpa.Pgmq.using(em).createQueue("bounced_payments"));
      for (int i = 0; i < 10; i++) {
        long cents = i;
        inTransaction(emf, em -> Outbox.of(em).publish(new Payment("P-" + cents, cents)));
      }
      EntityManager em = emf.createEntityManager();
      em.getTransaction().begin();
      Outbox.of(em).publish(new Payment("rolled-back", 0));
      em.flush();
      em.getTransaction().rollback();
      em.close();
    } finally {
      emf.close();
    }
    assertThat(queue(db, "bounced_payments"))
        .hasMessages(10)
        .allHaveHeader("x-event-type", "payment.requested")
        .payloads(Payment.class)
        .extracting(Payment::reference)
        .doesNotContain("rolled-back")
        .startsWith("P-0", "P-1");
  }

  @Test
  @Order(4)
  void consumerFindsThatNotificationsDoNotArriveAndPolls(TestDatabase db) {
    String q = db.uniqueName("notified");
    EntityManagerFactory emf = factory(db);
    List<Integer> handled = new CopyOnWriteArrayList<>();
    try {
      inTransaction(
          emf,
          em -> {
            dev.pgmq.jpa.Pgmq pgmq = dev.pgmq.jpa.Pgmq.using(em);
            pgmq.createQueue(q);
            pgmq.enableNotifyInsert(q);
          });
      try (PgmqConsumer consumer =
          PgmqConsumer.builder(emf)
              .queue(q)
              .handler(JsonNode.class, (m, ctx) -> handled.add(m.get("n").asInt()))
              .pollStrategy(PollStrategy.AUTO) // LISTEN, since notifications are enabled
              .maxPoll(Duration.ofSeconds(20))
              .pollInterval(Duration.ofMillis(100))
              .build()) {
        consumer.start();
        await()
            .alias("the LISTEN thread gives up once its probe notification does not arrive")
            .atMost(Duration.ofSeconds(15))
            .until(() -> !listening(q));
        long sent = System.nanoTime();
        inTransaction(emf, em -> dev.pgmq.jpa.Pgmq.using(em).send(q, Map.of("n", 1)));
        PgmqDrain.awaitEmpty(db, q, Duration.ofSeconds(10));
        assertThat(Duration.ofNanos(System.nanoTime() - sent))
            .as("picked up by polling, long before maxPoll (20 s) would wake a waiting worker")
            .isLessThan(Duration.ofSeconds(5));
      }
    } finally {
      emf.close();
    }
    assertThat(handled).containsExactly(1);
  }

  @Test
  @Order(5)
  void directConnectionsKeepListening(TestDatabase db) {
    String q = db.uniqueName("direct");
    EntityManagerFactory emf = directFactory(db);
    try {
      inTransaction(
          emf,
          em -> {
            dev.pgmq.jpa.Pgmq pgmq = dev.pgmq.jpa.Pgmq.using(em);
            pgmq.createQueue(q);
            pgmq.enableNotifyInsert(q);
          });
      try (PgmqConsumer consumer =
          PgmqConsumer.builder(emf)
              .queue(q)
              .handler(JsonNode.class, (m, ctx) -> {})
              .maxPoll(Duration.ofSeconds(20))
              .build()) {
        consumer.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> listening(q));
        sleep(4000); // longer than the 3 s probe
        assertThat(listening(q)).as("the probe arrived: still listening").isTrue();
      }
    } finally {
      emf.close();
    }
  }

  @Test
  @Order(6)
  void pollingConsumerHandlesAndAcknowledgesThroughPgBouncer(TestDatabase db) {
    String q = db.uniqueName("polled");
    EntityManagerFactory emf = factory(db);
    List<Integer> handled = new CopyOnWriteArrayList<>();
    try {
      inTransaction(emf, em -> dev.pgmq.jpa.Pgmq.using(em).createQueue(q));
      try (PgmqConsumer consumer =
          PgmqConsumer.builder(emf)
              .queue(q)
              .handler(JsonNode.class, (m, ctx) -> handled.add(m.get("n").asInt()))
              .pollStrategy(PollStrategy.POLL)
              .concurrency(3)
              .maxPoll(Duration.ofSeconds(1))
              .build()) {
        consumer.start();
        for (int i = 0; i < 30; i++) {
          int n = i;
          inTransaction(emf, em -> dev.pgmq.jpa.Pgmq.using(em).send(q, Map.of("n", n)));
        }
        PgmqDrain.awaitEmpty(db, q, Duration.ofSeconds(30));
      }
    } finally {
      emf.close();
    }
    assertThat(handled).hasSize(30).doesNotHaveDuplicates();
  }

  private static boolean listening(String queue) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().equals("pgmq-listen-" + queue));
  }

  private static String withCredentials(TestDatabase db) {
    return url
        + "&user="
        + db.user()
        + (db.password().isEmpty() ? "" : "&password=" + db.password());
  }

  private static EntityManagerFactory factory(TestDatabase db) {
    return new HibernatePersistenceConfiguration("pgbouncer-" + System.nanoTime())
        .jdbcUrl(url)
        .jdbcCredentials(db.user(), db.password())
        .jdbcPoolSize(6)
        .createEntityManagerFactory();
  }

  private static EntityManagerFactory directFactory(TestDatabase db) {
    return new HibernatePersistenceConfiguration("direct-" + System.nanoTime())
        .jdbcUrl(db.jdbcUrl())
        .jdbcCredentials(db.user(), db.password())
        .jdbcPoolSize(6)
        .createEntityManagerFactory();
  }

  private static void inTransaction(
      EntityManagerFactory emf, java.util.function.Consumer<EntityManager> work) {
    EntityManager em = emf.createEntityManager();
    try {
      em.getTransaction().begin();
      work.accept(em);
      em.getTransaction().commit();
    } finally {
      em.close();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
