package dev.pgmq.it.reliability;

import static dev.pgmq.it.reliability.ReliabilityFigures.Figure.COMMITTED;
import static dev.pgmq.it.reliability.ReliabilityFigures.Figure.DUPLICATE_EFFECTS;
import static dev.pgmq.it.reliability.ReliabilityFigures.Figure.EFFECTS_APPLIED;
import static dev.pgmq.it.reliability.ReliabilityFigures.Figure.KILLS;
import static dev.pgmq.it.reliability.ReliabilityFigures.Figure.MESSAGES_DELIVERED;
import static dev.pgmq.it.reliability.ReliabilityFigures.Figure.MESSAGES_LOST;
import static dev.pgmq.it.reliability.ReliabilityFigures.Figure.ROLLBACKS;
import static dev.pgmq.it.reliability.ReliabilityFigures.Figure.TRANSACTIONS;
import static dev.pgmq.it.reliability.ReliabilityFigures.Figure.UNCOMMITTED_DELIVERED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.PgmqClient;
import dev.pgmq.outbox.consumer.AckMode;
import dev.pgmq.outbox.consumer.PgmqConsumer;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Process kills: a producer JVM and a consumer JVM are SIGKILLed mid-transaction. What committed is
 * delivered; what did not commit is nowhere; a message whose handler died is delivered again after
 * its visibility timeout and its effect applied once.
 */
@PgmqDatabaseTest
@ExtendWith(ReliabilitySummary.class)
class ProcessKillIT {

  private static final Path LOGS = Path.of("target", "reliability-logs");
  private static final int PRODUCER_ROUNDS = 2;
  private static EntityManagerFactory emf;
  private static Sql sql;

  @BeforeAll
  static void setUp(TestDatabase db) {
    emf = Factories.orders(db.jdbcUrl(), db.user(), db.password(), 6);
    sql = new Sql(db::connect);
    try (PgmqClient client = PgmqClient.create(emf)) {
      client.createQueue(OrderPlaced.QUEUE);
    }
  }

  @AfterAll
  static void tearDown() {
    emf.close();
  }

  @Test
  void aProducerKilledMidTransactionLeavesCommittedEventsDeliveredAndUncommittedOnesAbsent(
      TestDatabase db) throws Exception {
    for (int round = 1; round <= PRODUCER_ROUNDS; round++) {
      long base = round * 10_000_000L;
      String app = "it-producer-" + round;
      int commitsBeforeKill = 100 + ThreadLocalRandom.current().nextInt(150);
      List<Long> committed;
      long held;
      try (ChildJvm child =
          ChildJvm.start(
              ProducerProcess.class,
              LOGS.resolve(app + ".log"),
              withApplicationName(db.jdbcUrl(), app),
              db.user(),
              db.password(),
              Long.toString(base))) {
        child.awaitLines(
            c -> c.count("HOLDING ") == 1 && c.count("COMMITTED ") >= commitsBeforeKill,
            Duration.ofSeconds(90));
        child.kill(); // the looping thread is wherever it is: in a transaction or between two
        ReliabilityFigures.increment(KILLS);
        assertThat(child.exitValue()).isEqualTo(137);
        committed = child.numbers("COMMITTED ");
        held = child.numbers("HOLDING ").get(0);
      }
      awaitBackendsGone(app);

      String range = " between " + base + " and " + (base + 9_999_999L);
      List<Long> events =
          sql.numbers(
              "select (message->>'orderId')::bigint from pgmq.q_orders"
                  + " where (message->>'orderId')::bigint"
                  + range
                  + " order by 1");
      List<Long> orders =
          sql.numbers("select id from tracked_order where id" + range + " order by 1");
      Set<Long> lost = new HashSet<>(committed);
      events.forEach(lost::remove);
      // at most one transaction (the one the kill interrupted) may have committed unreported
      Set<Long> unreported = new HashSet<>(events);
      committed.forEach(unreported::remove);

      ReliabilityFigures.add(TRANSACTIONS, committed.size() + 1L + unreported.size());
      ReliabilityFigures.add(COMMITTED, committed.size() + (long) unreported.size());
      ReliabilityFigures.add(ROLLBACKS, 1);
      ReliabilityFigures.add(MESSAGES_DELIVERED, events.size());
      ReliabilityFigures.add(MESSAGES_LOST, lost.size());
      ReliabilityFigures.add(UNCOMMITTED_DELIVERED, events.contains(held) ? 1 : 0);

      assertThat(lost).as("committed but not delivered").isEmpty();
      assertThat(events).as("the held transaction's event").doesNotContain(held);
      assertThat(orders).as("the held transaction's order").doesNotContain(held);
      assertThat(events).doesNotHaveDuplicates().isEqualTo(orders);
      assertThat(unreported).hasSizeLessThanOrEqualTo(1);
      if (!unreported.isEmpty()) {
        assertThat(unreported.iterator().next()).isEqualTo(base + committed.size() + 1);
      }
    }
  }

  @Test
  void aConsumerKilledMidHandlerIsRedeliveredAfterTheVisibilityTimeoutAndAppliedOnce(
      TestDatabase db) throws Exception {
    String queue = db.uniqueName("jobs");
    int messages = 40;
    int blocking = 10;
    try (PgmqClient client = PgmqClient.create(emf)) {
      client.createQueue(queue);
      List<Map<String, Object>> payloads = new ArrayList<>();
      for (int n = 0; n < messages; n++) {
        payloads.add(Map.of("n", 1_000_000L + n, "block", n == blocking));
      }
      client.sendBatch(queue, payloads);
    }
    String app = "it-consumer";
    long blockedMsg;
    try (ChildJvm child =
        ChildJvm.start(
            ConsumerProcess.class,
            LOGS.resolve(app + ".log"),
            withApplicationName(db.jdbcUrl(), app),
            db.user(),
            db.password(),
            queue,
            "15")) {
      child.awaitLines(
          c -> c.count("IN_HANDLER ") == 1 && c.count("HANDLING ") >= 5, Duration.ofSeconds(90));
      child.kill();
      ReliabilityFigures.increment(KILLS);
      blockedMsg = child.numbers("IN_HANDLER ").get(0);
    }
    awaitBackendsGone(app);

    // the message whose handler died is still hidden, read once, and its effect rolled back
    assertThat(
            sql.number(
                "select count(*) from pgmq.q_"
                    + queue
                    + " where msg_id = "
                    + blockedMsg
                    + " and read_ct = 1 and vt > clock_timestamp()"))
        .isEqualTo(1);
    assertThat(sql.number("select count(*) from order_effect where msg_id = " + blockedMsg))
        .isZero();
    double hiddenUntil =
        sql.number(
                "select (extract(epoch from vt) * 1000)::bigint from pgmq.q_"
                    + queue
                    + " where msg_id = "
                    + blockedMsg)
            / 1000.0;

    Map<Long, Double> redeliveredAt = new ConcurrentHashMap<>();
    Map<Long, Integer> redeliveredReadCt = new ConcurrentHashMap<>();
    try (PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(queue)
            .handler(
                JsonNode.class,
                (payload, ctx) -> {
                  if (ctx.msgId() == blockedMsg) {
                    Number now =
                        (Number)
                            ctx.entityManager()
                                .createNativeQuery(
                                    "select extract(epoch from clock_timestamp())::float8")
                                .getSingleResult();
                    redeliveredAt.put(ctx.msgId(), now.doubleValue());
                    redeliveredReadCt.put(ctx.msgId(), ctx.readCt());
                  }
                  ctx.entityManager()
                      .persist(new OrderEffect(payload.get("n").asLong(), ctx.msgId(), "parent"));
                })
            .ackMode(AckMode.ARCHIVE)
            .concurrency(2)
            .visibilityTimeout(Duration.ofSeconds(30))
            .maxPoll(Duration.ofSeconds(1))
            .pollInterval(Duration.ofMillis(50))
            .build()) {
      consumer.start();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> sql.number("select count(*) from pgmq.q_" + queue) == 0);
    }

    List<Long> effects =
        sql.numbers(
            "select order_id from order_effect where order_id between 1000000 and 1999999"
                + " order by 1");
    Set<Long> expected =
        LongStream.range(1_000_000L, 1_000_000L + messages).boxed().collect(Collectors.toSet());
    Set<Long> missing = new HashSet<>(expected);
    effects.forEach(missing::remove);
    ReliabilityFigures.add(MESSAGES_DELIVERED, messages);
    ReliabilityFigures.add(EFFECTS_APPLIED, effects.size());
    ReliabilityFigures.add(MESSAGES_LOST, missing.size());
    ReliabilityFigures.add(DUPLICATE_EFFECTS, effects.size() - new HashSet<>(effects).size());

    assertThat(missing).as("messages never handled").isEmpty();
    assertThat(effects).doesNotHaveDuplicates().hasSize(messages);
    assertThat(redeliveredAt).containsKey(blockedMsg);
    assertThat(redeliveredAt.get(blockedMsg)).isGreaterThanOrEqualTo(hiddenUntil);
    assertThat(redeliveredReadCt.get(blockedMsg)).isEqualTo(2);
    assertThat(sql.number("select count(*) from pgmq.a_" + queue)).isEqualTo(messages);
  }

  private static void awaitBackendsGone(String applicationName) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                sql.number(
                        "select count(*) from pg_stat_activity where application_name = '"
                            + applicationName
                            + "'")
                    == 0);
  }

  private static String withApplicationName(String jdbcUrl, String name) {
    return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "ApplicationName=" + name;
  }
}
