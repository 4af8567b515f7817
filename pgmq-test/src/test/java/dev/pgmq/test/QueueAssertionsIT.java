package dev.pgmq.test;

import static dev.pgmq.test.PgmqAssertions.assertThat;
import static dev.pgmq.test.PgmqAssertions.queue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgmq.jpa.InvalidQueueNameException;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

@PgmqDatabaseTest
class QueueAssertionsIT {

  record OrderPlaced(long orderId, String customer) {}

  @Test
  void assertsCountTypedPayloadsAndHeadersOfWhatATransactionEnqueued(TestDatabase db)
      throws Exception {
    String q = db.uniqueName("orders");
    sql(db, "select pgmq.create('" + q + "')");
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute(send(q, "{\"orderId\": 1, \"customer\": \"ada\"}", "order.placed"));
        s.execute(send(q, "{\"orderId\": 2, \"customer\": \"bob\"}", "order.placed"));
      }
      assertThat(queue(c, q)).as("the transaction sees its own messages").hasMessages(2);
      assertThat(queue(q)).as("nothing is visible before commit").isEmpty();
      c.commit();
    }

    assertThat(queue(q)).hasMessages(2);
    assertThat(queue(q))
        .payloads(OrderPlaced.class)
        .containsExactly(new OrderPlaced(1, "ada"), new OrderPlaced(2, "bob"));
    assertThat(queue(q)).containsPayload(new OrderPlaced(2, "bob"));
    assertThat(queue(q)).allHaveHeader("event-type", "order.placed");
    assertThat(queue(q)).headers("event-type").containsOnly("order.placed");
    assertThat(queue(q)).message(0).hasPayload(new OrderPlaced(1, "ada")).hasHeader("event-type");
    assertThat(queue(q))
        .message(1)
        .payload(OrderPlaced.class)
        .extracting(OrderPlaced::orderId)
        .isEqualTo(2L);
  }

  @Test
  void failuresSayWhatTheQueueHolds(TestDatabase db) {
    String q = db.uniqueName("failing");
    sql(db, "select pgmq.create('" + q + "')", send(q, "{\"orderId\": 7}", "order.placed"));

    assertThatThrownBy(() -> assertThat(queue(q)).hasMessages(2))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected 2 message(s) but found 1")
        .hasMessageContaining("{\"orderId\":7}");
    assertThatThrownBy(() -> assertThat(queue(q)).allHaveHeader("event-type", "other"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("event-type=other but it was order.placed");
    assertThatThrownBy(() -> assertThat(queue(q)).containsPayload(new OrderPlaced(8, null)))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> queue("Not-A-Queue")).isInstanceOf(InvalidQueueNameException.class);
    assertThatThrownBy(() -> queue(db.uniqueName("missing")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does it exist?");
  }

  @Test
  void drainHandsEveryVisibleMessageToTheHandlerInOrderAndDeletesIt(TestDatabase db) {
    String q = db.uniqueName("drained");
    sql(
        db,
        "select pgmq.create('" + q + "')",
        send(q, "{\"orderId\": 1, \"customer\": \"a\"}", "t"),
        send(q, "{\"orderId\": 2, \"customer\": \"b\"}", "t"),
        send(q, "{\"orderId\": 3, \"customer\": \"c\"}", "t"));
    List<Long> seen = new ArrayList<>();

    int handled = PgmqDrain.drain(q, OrderPlaced.class, m -> seen.add(m.message().orderId()));

    assertThat(handled).isEqualTo(3);
    assertThat(seen).containsExactly(1L, 2L, 3L);
    assertThat(queue(q)).isEmpty();
  }

  @Test
  void failingHandlerStopsTheDrainAndLeavesItsMessageVisible(TestDatabase db) {
    String q = db.uniqueName("poison");
    sql(
        db,
        "select pgmq.create('" + q + "')",
        send(q, "{\"orderId\": 1}", "t"),
        send(q, "{\"orderId\": 2}", "t"));

    assertThatThrownBy(
            () ->
                PgmqDrain.drain(
                    q,
                    OrderPlaced.class,
                    m -> {
                      if (m.message().orderId() == 2) {
                        throw new IllegalStateException("boom");
                      }
                    }))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("boom");
    assertThat(queue(q))
        .hasMessages(1)
        .message(0)
        .payload(OrderPlaced.class)
        .isEqualTo(new OrderPlaced(2, null));
    assertThat(queue(q)).message(0).hasPayload(java.util.Map.of("orderId", 2.0));
    assertThat(PgmqDrain.drain(q, OrderPlaced.class, m -> {})).as("visible again").isEqualTo(1);
  }

  @Test
  void awaitEmptyReturnsOnceAnotherThreadAcknowledgedEverything(TestDatabase db) {
    String q = db.uniqueName("awaited");
    sql(db, "select pgmq.create('" + q + "')", send(q, "{\"orderId\": 1}", "t"));
    CompletableFuture<Void> consumer =
        CompletableFuture.runAsync(
            () -> {
              sleep(300);
              sql(db, "select pgmq.delete('" + q + "', msg_id) from pgmq.q_" + q);
            });

    PgmqDrain.awaitEmpty(db, q, Duration.ofSeconds(10));

    assertThat(queue(q)).isEmpty();
    consumer.join();
    sql(db, send(q, "{\"orderId\": 2}", "t"));
    assertThatThrownBy(() -> PgmqDrain.awaitEmpty(db, q, Duration.ofMillis(200)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("was not drained within PT0.2S")
        .hasMessageContaining("{\"orderId\":2}");
  }

  private static String send(String queue, String json, String type) {
    return "select pgmq.send('"
        + queue
        + "', '"
        + json
        + "'::jsonb, '{\"event-type\": \""
        + type
        + "\"}'::jsonb)";
  }

  private static void sql(TestDatabase db, String... statements) {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
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
