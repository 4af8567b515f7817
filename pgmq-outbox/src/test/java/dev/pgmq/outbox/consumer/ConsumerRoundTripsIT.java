package dev.pgmq.outbox.consumer;

import static dev.pgmq.outbox.consumer.ConsumerTests.queueLength;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.testing.CountingConnectionProvider;
import dev.pgmq.jpa.testing.TestPersistenceUnit;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The consumer's cost per message is the handler's transaction and its acknowledgement: counted at
 * the JDBC driver, each message adds exactly one statement (the delete) and one commit to the reads
 * of its batch, nothing else.
 */
@PgmqDatabaseTest
class ConsumerRoundTripsIT {

  private static CountingConnectionProvider connections;
  private static EntityManagerFactory emf;

  @BeforeAll
  static void start(TestDatabase db) {
    connections = new CountingConnectionProvider(db);
    emf =
        new TestPersistenceUnit("round-trips")
            .managedClasses(Effect.class)
            .property("hibernate.connection.provider_class", connections)
            .property("hibernate.hbm2ddl.auto", "create")
            .createEntityManagerFactory();
  }

  @AfterAll
  static void stop() {
    emf.close();
  }

  @Test
  void eachMessageCostsOneAckStatementAndOneCommitBeyondItsBatchRead(TestDatabase db)
      throws Exception {
    String queue = db.uniqueName("round_trips");
    int messages = 30;
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("select pgmq.create('" + queue + "')");
      s.execute(
          "select pgmq.send_batch('"
              + queue
              + "', array(select jsonb_build_object('n', g) from generate_series(1, "
              + messages
              + ") g))");
    }
    AtomicInteger handled = new AtomicInteger();
    connections.reset();
    try (PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(queue)
            .handler(JsonNode.class, (payload, ctx) -> handled.incrementAndGet())
            .concurrency(1)
            .batchSize(10)
            .pollStrategy(PollStrategy.POLL)
            .maxPoll(Duration.ofSeconds(1))
            .build()) {
      consumer.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> handled.get() == messages);
      await().atMost(Duration.ofSeconds(5)).until(() -> queueLength(db, queue) == 0);
    }
    List<String> executed = connections.executed();
    List<String> reads = executed.stream().filter(ConsumerRoundTripsIT::isRead).toList();
    List<String> others = executed.stream().filter(s -> !isRead(s)).toList();
    long acks = connections.count("pgmq.delete(");
    assertThat(acks).isEqualTo(messages);
    // besides the reads: the acks, and what start and stop run once (not per message)
    assertThat(others.size() - acks)
        .as("statements that are neither reads nor acks: %s", others)
        .isLessThan(messages / 3);
    // one commit per message, plus at most one per read
    assertThat(connections.commits())
        .isBetween((long) messages, (long) messages + reads.size() + 5);
    System.out.printf(
        "consumer round trips: %d statements (%d reads, %d acks, %d others), %d commits%n",
        executed.size(), reads.size(), acks, others.size() - acks, connections.commits());
  }

  private static boolean isRead(String sql) {
    return sql.contains("pgmq.read");
  }
}
