package dev.pgmq.jpa.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgmq.jpa.InvalidQueueNameException;
import dev.pgmq.jpa.PgmqStatementException;
import dev.pgmq.jpa.QueueNotFoundException;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BatchSender} on a plain JDBC connection inside the caller's transaction: both queue paths
 * write the same messages in order, topics report how many were routed, and failures are the
 * library's exceptions naming what could not be sent where.
 */
@PgmqDatabaseTest
class BatchSenderIT {

  private final TestDatabase db;
  private Connection connection;

  BatchSenderIT(TestDatabase db) {
    this.db = db;
  }

  @BeforeEach
  void connect() throws Exception {
    connection = db.connect();
    connection.setAutoCommit(false);
  }

  @AfterEach
  void close() throws Exception {
    if (!connection.isClosed()) {
      connection.rollback();
      connection.close();
    }
  }

  @Test
  void directInsertAndSendBatchWriteTheSameMessagesInOrder() throws Exception {
    String q = db.uniqueName("spi_send");
    exec("select pgmq.create('" + q + "')");
    List<String> payloads = List.of("{\"n\": 1.50}", "[1, 2]", "\"ü €\"");
    List<String> headers = List.of("{\"h\": \"a\"}", "{\"h\": \"b\"}", "{\"h\": \"c\"}");
    BatchSender.create(true, "message(s)").sendBatch(connection, q, payloads, headers);
    BatchSender.create(false, "message(s)").sendBatch(connection, q, payloads, headers);
    BatchSender.create(true, "message(s)")
        .sendBatch(connection, q, List.of("{\"one\": true}"), List.of("{}"));
    connection.commit();

    List<String> expected = new ArrayList<>();
    expected.add("{\"n\": 1.50} {\"h\": \"a\"}");
    expected.add("[1, 2] {\"h\": \"b\"}");
    expected.add("\"ü €\" {\"h\": \"c\"}");
    expected.addAll(expected);
    expected.add("{\"one\": true} {}");
    assertThat(rows("select message::text || ' ' || headers::text from pgmq.q_" + q))
        .containsExactlyElementsOf(expected);
    assertThat(rows("select read_ct::text || ' ' || (last_read_at is null) from pgmq.q_" + q))
        .containsOnly("0 true");
  }

  @Test
  void emptyBatchesRunNothing() throws Exception {
    connection.close(); // any statement would fail
    BatchSender sender = BatchSender.create(true, "message(s)");
    sender.sendBatch(connection, "no_such_queue", List.of(), List.of());
    assertThat(sender.sendBatchTopic(connection, "a.b", List.of(), List.of())).isZero();
  }

  @Test
  void topicBatchReturnsHowManyMessagesWereRouted() throws Exception {
    String a = db.uniqueName("spi_topic_a");
    String b = db.uniqueName("spi_topic_b");
    exec("select pgmq.create('" + a + "')");
    exec("select pgmq.create('" + b + "')");
    exec("select pgmq.bind_topic('spi.orders.*', '" + a + "')");
    exec("select pgmq.bind_topic('spi.#', '" + b + "')");
    BatchSender sender = BatchSender.create(true, "message(s)");
    List<String> two = List.of("1", "2");
    List<String> headers = List.of("{}", "{}");

    assertThat(sender.sendBatchTopic(connection, "spi.orders.created", two, headers)).isEqualTo(4);
    assertThat(sender.sendBatchTopic(connection, "spi.payments.created", two, headers))
        .isEqualTo(2);
    assertThat(sender.sendBatchTopic(connection, "elsewhere", two, headers)).isZero();
    assertThat(rows("select message::text from pgmq.q_" + a)).containsExactly("1", "2");
  }

  @Test
  void missingQueueIsQueueNotFoundOnBothPaths() {
    for (boolean direct : new boolean[] {true, false}) {
      assertThatThrownBy(
              () ->
                  BatchSender.create(direct, "message(s)")
                      .sendBatch(connection, "spi_missing_queue", List.of("1"), List.of("{}")))
          .as("direct insert " + direct)
          .isInstanceOfSatisfying(
              QueueNotFoundException.class,
              e -> assertThat(e.queue()).isEqualTo("spi_missing_queue"));
      rollback();
    }
  }

  @Test
  void failedTopicSendNamesTheItemsAndTheRoutingKey() {
    assertThatThrownBy(
            () ->
                BatchSender.create(true, "widget(s)")
                    .sendBatchTopic(connection, "not valid", List.of("1"), List.of("{}")))
        .isInstanceOf(PgmqStatementException.class)
        .hasMessageStartingWith("could not send 1 widget(s) to topic 'not valid': ")
        .hasMessageContaining("routing_key contains invalid characters");
  }

  @Test
  void invalidQueueNameIsRejectedBeforeAnySql() throws Exception {
    connection.close(); // any statement would fail with an SQLException
    BatchSender sender = BatchSender.create(true, "message(s)");
    for (String bad : List.of("", "Orders", "a\"; drop table x; --", "q".repeat(48))) {
      assertThatThrownBy(() -> sender.sendBatch(connection, bad, List.of("1"), List.of("{}")))
          .isInstanceOf(InvalidQueueNameException.class);
    }
  }

  @Test
  void listsOfDifferentSizesAreRejected() {
    assertThatThrownBy(
            () ->
                BatchSender.create(true, "message(s)")
                    .sendBatch(connection, "spi_sizes", List.of("1", "2"), List.of("{}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("payloads and headers must have the same size, were 2 and 1");
  }

  private void rollback() {
    try {
      connection.rollback();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void exec(String sql) throws Exception {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  private List<String> rows(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(sql + " order by msg_id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
