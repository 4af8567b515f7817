package dev.pgmq.outbox.consumer;

import static dev.pgmq.outbox.consumer.ConsumerTests.createQueue;
import static dev.pgmq.outbox.consumer.ConsumerTests.entityManagerFactory;
import static dev.pgmq.outbox.consumer.ConsumerTests.pgmq;
import static dev.pgmq.outbox.consumer.ConsumerTests.queueLength;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.SendOptions;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@PgmqDatabaseTest
class FifoOrderIT {

  private static final int GROUPS = 6;
  private static final int PER_GROUP = 30;

  private static EntityManagerFactory emf;

  @BeforeAll
  static void setUp(TestDatabase db) {
    emf = entityManagerFactory(db, 8);
  }

  @AfterAll
  static void tearDown() {
    emf.close();
  }

  record Step(String group, int seq) {}

  @ParameterizedTest
  @EnumSource(
      value = ReadMode.class,
      names = {"FIFO", "FIFO_ROUND_ROBIN"})
  void fifoModeKeepsPerGroupOrderUnderConcurrencyAndRetries(ReadMode mode, TestDatabase db)
      throws Exception {
    String queue = db.uniqueName("fifo");
    createQueue(emf, queue);
    List<Step> steps = new ArrayList<>();
    List<Map<String, String>> headers = new ArrayList<>();
    for (int seq = 0; seq < PER_GROUP; seq++) {
      for (int g = 0; g < GROUPS; g++) {
        steps.add(new Step(queue + "-g" + g, seq));
        headers.add(Map.of(Pgmq.GROUP_HEADER, queue + "-g" + g));
      }
    }
    pgmq(emf, p -> p.sendBatch(queue, steps, headers, SendOptions.NONE));
    ConsumerTests.Recorder recorder = new ConsumerTests.Recorder();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    try (PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(queue)
            .readMode(mode)
            .handler(
                Step.class,
                (step, ctx) -> {
                  threads.add(Thread.currentThread().getName());
                  ctx.entityManager().persist(new Effect(step.group(), step.seq()));
                  Thread.sleep(ThreadLocalRandom.current().nextInt(3));
                  if (step.seq() % 7 == 3 && ctx.readCt() == 1) {
                    throw new IllegalStateException("first attempt of " + step + " fails");
                  }
                })
            .concurrency(4)
            .batchSize(5)
            .visibilityTimeout(Duration.ofSeconds(30))
            .backoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 2.0, 0.5))
            .maxPoll(Duration.ofSeconds(1))
            .pollInterval(Duration.ofMillis(20))
            .listener(recorder)
            .build()) {
      consumer.start();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> recorder.processed.size() == GROUPS * PER_GROUP);
    }

    assertThat(queueLength(db, queue)).isZero();
    assertThat(recorder.failures).isNotEmpty();
    assertThat(threads).hasSizeGreaterThan(1);
    // effects are numbered in the order their handlers ran: per group, that is the send order
    Map<String, List<Integer>> order = effectOrder(db, queue);
    assertThat(order).hasSize(GROUPS);
    List<Integer> expected = IntStream.range(0, PER_GROUP).boxed().toList();
    order.forEach((group, seqs) -> assertThat(seqs).as(group).isEqualTo(expected));
  }

  private static Map<String, List<Integer>> effectOrder(TestDatabase db, String queue)
      throws Exception {
    Map<String, List<Integer>> order = new LinkedHashMap<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select effectKey, seq from consumer_effect where effectKey like '"
                    + queue
                    + "-%' order by id")) {
      while (rs.next()) {
        order.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getInt(2));
      }
    }
    return order;
  }
}
