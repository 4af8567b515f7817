package dev.pgmq.jpa.internal;

import dev.pgmq.jpa.spi.BatchSender;
import dev.pgmq.jpa.spi.QueueNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * {@link BatchSender} on the caller's JDBC connection: one static insert into the queue's table
 * where its shape is PGMQ's and the direct insert is on ({@link QueueTableShapes}, {@link
 * QueueTable}), else {@code send_batch}; {@code send_batch_topic} for topics. Thread-safe.
 */
public final class ConnectionBatchSender implements BatchSender {

  private static final String UNDEFINED_TABLE = "42P01";

  private final String items;
  private final QueueTableShapes shapes;
  private final QueueTable tables = new QueueTable();

  /** A sender; {@code items} names what is sent in error messages. */
  public ConnectionBatchSender(boolean directInsert, String items) {
    this.items = Objects.requireNonNull(items, "items");
    this.shapes = directInsert ? new QueueTableShapes() : null;
  }

  @Override
  public void sendBatch(
      Connection connection, String queue, List<String> payloads, List<String> headers) {
    QueueNames.check(queue); // the name becomes part of the insert's SQL text
    int n = checkedSize(connection, payloads, headers);
    if (n == 0) {
      return;
    }
    String[] p = payloads.toArray(new String[0]);
    String[] h = headers.toArray(new String[0]);
    try {
      if (shapes != null && shapes.pgmqShaped(connection, queue)) {
        insert(connection, queue, p, h);
        return;
      }
      try (PreparedStatement ps = connection.prepareStatement(PgmqSql.SEND_BATCH_ARRAYS)) {
        ps.setString(1, queue);
        ps.setArray(2, connection.createArrayOf("jsonb", p));
        ps.setArray(3, connection.createArrayOf("jsonb", h));
        consume(ps);
      }
    } catch (SQLException e) {
      if (shapes != null && UNDEFINED_TABLE.equals(e.getSQLState())) {
        shapes.forget(queue); // dropped or replaced: look again next time
      }
      throw ErrorTranslator.sendFailure(items, n, false, queue, e);
    }
  }

  @Override
  public long sendBatchTopic(
      Connection connection, String routingKey, List<String> payloads, List<String> headers) {
    Objects.requireNonNull(routingKey, "routingKey");
    int n = checkedSize(connection, payloads, headers);
    if (n == 0) {
      return 0;
    }
    try (PreparedStatement ps =
        connection.prepareStatement(PgmqSql.SEND_BATCH_TOPIC_ARRAYS_COUNT)) {
      ps.setString(1, routingKey);
      ps.setArray(2, connection.createArrayOf("jsonb", payloads.toArray()));
      ps.setArray(3, connection.createArrayOf("jsonb", headers.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw ErrorTranslator.sendFailure(items, n, true, routingKey, e);
    }
  }

  private void insert(Connection connection, String queue, String[] payloads, String[] headers)
      throws SQLException {
    int n = payloads.length;
    try (PreparedStatement ps = connection.prepareStatement(tables.insert(queue, n))) {
      if (n == 1) {
        ps.setString(1, payloads[0]);
        ps.setString(2, headers[0]);
      } else {
        ps.setArray(1, connection.createArrayOf("jsonb", payloads));
        ps.setArray(2, connection.createArrayOf("jsonb", headers));
      }
      consume(ps);
    }
  }

  /** Runs {@code ps} and reads the new msg_ids, so that the statement completes. */
  private static void consume(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        // the new msg_ids are not needed
      }
    }
  }

  private static int checkedSize(
      Connection connection, List<String> payloads, List<String> headers) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(payloads, "payloads");
    Objects.requireNonNull(headers, "headers");
    if (payloads.size() != headers.size()) {
      throw new IllegalArgumentException(
          "payloads and headers must have the same size, were "
              + payloads.size()
              + " and "
              + headers.size());
    }
    return payloads.size();
  }
}
