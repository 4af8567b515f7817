package dev.pgmq.it.reliability;

import static dev.pgmq.it.reliability.ReliabilityFigures.Figure.COMMITTED;
import static dev.pgmq.it.reliability.ReliabilityFigures.Figure.DUPLICATE_EFFECTS;
import static dev.pgmq.it.reliability.ReliabilityFigures.Figure.EFFECTS_APPLIED;
import static dev.pgmq.it.reliability.ReliabilityFigures.Figure.FAILED_DURING_RESTART;
import static dev.pgmq.it.reliability.ReliabilityFigures.Figure.MESSAGES_DELIVERED;
import static dev.pgmq.it.reliability.ReliabilityFigures.Figure.MESSAGES_LOST;
import static dev.pgmq.it.reliability.ReliabilityFigures.Figure.RESTARTS;
import static dev.pgmq.it.reliability.ReliabilityFigures.Figure.ROLLBACKS;
import static dev.pgmq.it.reliability.ReliabilityFigures.Figure.TRANSACTIONS;
import static dev.pgmq.it.reliability.ReliabilityFigures.Figure.UNCOMMITTED_DELIVERED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pgmq.jpa.PgmqClient;
import dev.pgmq.jpa.PgmqSchema;
import dev.pgmq.jpa.SchemaMode;
import dev.pgmq.outbox.consumer.AckMode;
import dev.pgmq.outbox.consumer.Backoff;
import dev.pgmq.outbox.consumer.PgmqConsumer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Database restart mid-run, on a dedicated embedded PostgreSQL (never the shared server): the
 * server is stopped and started again on the same data directory and port while producers and a
 * consumer run. Producers get connection errors for the transactions that fail and succeed again
 * through the same pool; the consumer resumes by itself; nothing committed is lost.
 */
@ExtendWith(ReliabilitySummary.class)
class DatabaseRestartIT {

  private static final int PRODUCERS = 3;
  private static final int RESTART_COUNT = 2;
  private static final Duration DOWNTIME = Duration.ofSeconds(2);

  private static Path dataDirectory;
  private static int port;
  private static EmbeddedPostgres server;

  private final Set<Long> committed = ConcurrentHashMap.newKeySet();
  private final Set<Long> failed = ConcurrentHashMap.newKeySet();
  private final Set<Long> uncertain = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicBoolean producing = new AtomicBoolean(true);

  @BeforeAll
  static void startServer() throws Exception {
    Path target = Path.of("target").toAbsolutePath();
    Files.createDirectories(target);
    dataDirectory = Files.createTempDirectory(target, "restart-pg-");
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    server = start();
    try (Connection c = connect()) {
      PgmqSchema.ensure(c, SchemaMode.SQL_ONLY);
    }
  }

  @AfterAll
  static void stopServer() throws IOException {
    if (server != null) {
      server.close();
    }
    try (Stream<Path> files = Files.walk(dataDirectory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static EmbeddedPostgres start() throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(dataDirectory)
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  private static String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres";
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), "postgres", "");
  }

  @Test
  void producersFailClearlyDuringARestartThenSucceedAndTheConsumerResumesWithNothingLost()
      throws Exception {
    Sql sql = new Sql(DatabaseRestartIT::connect);
    Map<String, Object> pool =
        Map.of(
            "hibernate.hikari.connectionTimeout", "1500",
            "hibernate.hikari.validationTimeout", "1000");
    try (EntityManagerFactory emf = Factories.orders(jdbcUrl(), "postgres", "", 8, pool)) {
      try (PgmqClient client = PgmqClient.create(emf)) {
        client.createQueue(OrderPlaced.QUEUE);
      }
      PgmqConsumer consumer =
          PgmqConsumer.builder(emf)
              .queue(OrderPlaced.QUEUE)
              .handler(
                  OrderPlaced.class,
                  (event, ctx) ->
                      ctx.entityManager()
                          .persist(new OrderEffect(event.orderId(), ctx.msgId(), "restart")))
              .ackMode(AckMode.ARCHIVE)
              .concurrency(2)
              .batchSize(10)
              .visibilityTimeout(Duration.ofSeconds(10))
              .maxPoll(Duration.ofSeconds(1))
              .pollInterval(Duration.ofMillis(50))
              .backoff(Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1)))
              .maxAttempts(1_000)
              .build();
      consumer.start();
      List<Thread> producers = new ArrayList<>();
      for (int p = 0; p < PRODUCERS; p++) {
        Thread t = new Thread(() -> produce(emf), "restart-producer-" + p);
        t.start();
        producers.add(t);
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> committed.size() >= 200);

      for (int restart = 1; restart <= RESTART_COUNT; restart++) {
        server.close();
        ReliabilityFigures.increment(RESTARTS);
        int failedBefore = failed.size() + uncertain.size();
        Thread.sleep(DOWNTIME.toMillis());
        int committedWhileDown = committed.size();
        server = start();
        int failedByRestart = failed.size() + uncertain.size() - failedBefore;
        assertThat(failedByRestart)
            .as("transactions that failed while the server was down")
            .isPositive();
        // producers succeed again through the same pool, the consumer resumes on its own
        long effectsAfterRestart = sql.number("select count(*) from order_effect");
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> committed.size() >= committedWhileDown + 200);
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> sql.number("select count(*) from order_effect") >= effectsAfterRestart + 100);
        assertThat(consumer.isRunning()).isTrue();
      }
      producing.set(false);
      for (Thread t : producers) {
        t.join(30_000);
      }
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> sql.number("select count(*) from pgmq.q_orders") == 0);
      assertThat(consumer.stop(Duration.ofSeconds(30))).isTrue();
    }

    List<Long> delivered =
        sql.numbers("select (message->>'orderId')::bigint from pgmq.a_orders order by 1");
    List<Long> orders = sql.numbers("select id from tracked_order order by 1");
    List<Long> effects = sql.numbers("select order_id from order_effect order by 1");
    Set<Long> lost = new HashSet<>(committed);
    delivered.forEach(lost::remove);
    Set<Long> deliveredFailed = new HashSet<>(failed);
    deliveredFailed.retainAll(new HashSet<>(delivered));
    Map<String, Integer> kinds = new TreeMap<>();
    failures.forEach(f -> kinds.merge(describe(f), 1, Integer::sum));
    System.out.println("restart: failures by kind " + kinds);
    System.out.printf(
        "restart: %d committed, %d failed, %d with unknown outcome%n",
        committed.size(), failed.size(), uncertain.size());

    ReliabilityFigures.add(TRANSACTIONS, sequence.get());
    ReliabilityFigures.add(COMMITTED, committed.size());
    ReliabilityFigures.add(ROLLBACKS, failed.size() + uncertain.size());
    ReliabilityFigures.add(FAILED_DURING_RESTART, failed.size() + uncertain.size());
    ReliabilityFigures.add(MESSAGES_DELIVERED, delivered.size());
    ReliabilityFigures.add(EFFECTS_APPLIED, effects.size());
    ReliabilityFigures.add(MESSAGES_LOST, lost.size());
    ReliabilityFigures.add(UNCOMMITTED_DELIVERED, deliveredFailed.size());
    ReliabilityFigures.add(DUPLICATE_EFFECTS, effects.size() - new HashSet<>(effects).size());

    assertThat(lost).as("committed but not delivered").isEmpty();
    assertThat(deliveredFailed).as("failed but delivered").isEmpty();
    assertThat(delivered).doesNotHaveDuplicates().isEqualTo(orders);
    assertThat(effects).doesNotHaveDuplicates().isEqualTo(delivered);
    assertThat(failures)
        .as("every failure names a lost connection")
        .allSatisfy(f -> assertThat(connectionFailure(f)).as(describe(f)).isTrue());
  }

  private void produce(EntityManagerFactory emf) {
    while (producing.get()) {
      long id = sequence.incrementAndGet();
      boolean committing = false;
      try (EntityManager em = emf.createEntityManager()) {
        em.getTransaction().begin();
        TrackedOrder order = new TrackedOrder(id, "order-" + id, Thread.currentThread().getName());
        em.persist(order);
        order.place();
        em.flush();
        committing = true;
        em.getTransaction().commit();
        committed.add(id);
        pause(2);
      } catch (RuntimeException e) {
        (committing ? uncertain : failed).add(id);
        failures.add(e);
        pause(50);
      }
    }
  }

  /** Whether the failure is (caused by) a connection error, as PostgreSQL or the pool report. */
  private static boolean connectionFailure(Throwable failure) {
    SQLException e = Causes.find(failure, SQLException.class);
    String state = e == null ? null : e.getSQLState();
    return state != null && (state.startsWith("08") || state.startsWith("57P"));
  }

  private static String describe(Throwable failure) {
    StringBuilder sb = new StringBuilder(failure.getClass().getSimpleName());
    for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
      sb.append(" < ").append(t.getClass().getSimpleName());
      if (t instanceof SQLException e) {
        sb.append('[').append(e.getSQLState()).append(']');
      }
    }
    return sb.toString();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
