package dev.pgmq.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The baselines: prepared statements calling the same PGMQ functions on one plain JDBC connection,
 * written as a careful JDBC programmer would.
 */
final class RawJdbc implements AutoCloseable {

  private final Connection connection;
  private final PreparedStatement send;
  private final PreparedStatement sendBatch;
  private final PreparedStatement read;
  private final PreparedStatement deleteBatch;
  private final PreparedStatement delete;
  private final PreparedStatement insertOrder;

  RawJdbc(String jdbcUrl) throws SQLException {
    connection = DriverManager.getConnection(jdbcUrl);
    send = connection.prepareStatement("select * from pgmq.send(?, ?::jsonb)");
    sendBatch = connection.prepareStatement("select * from pgmq.send_batch(?, ?::jsonb[])");
    read =
        connection.prepareStatement(
            "select msg_id, read_ct, enqueued_at, vt, message, headers"
                + " from pgmq.read(?, ?, ?)");
    deleteBatch = connection.prepareStatement("select * from pgmq.delete(?, ?::bigint[])");
    delete = connection.prepareStatement("select pgmq.delete(?, ?::bigint)");
    insertOrder =
        connection.prepareStatement(
            "insert into bench_order (id, customer, amountCents) values (?, ?, ?)");
  }

  Connection connection() {
    return connection;
  }

  void autoCommit(boolean on) throws SQLException {
    connection.setAutoCommit(on);
  }

  void commit() throws SQLException {
    connection.commit();
  }

  long send(String queue, String json) throws SQLException {
    send.setString(1, queue);
    send.setString(2, json);
    try (ResultSet rs = send.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  List<Long> sendBatch(String queue, String[] json) throws SQLException {
    Array array = connection.createArrayOf("jsonb", json);
    sendBatch.setString(1, queue);
    sendBatch.setArray(2, array);
    List<Long> ids = new ArrayList<>(json.length);
    try (ResultSet rs = sendBatch.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  /** Reads up to {@code qty} messages (vt 30 s), decoding each row as a client would. */
  List<Long> read(String queue, int qty) throws SQLException {
    read.setString(1, queue);
    read.setInt(2, 30);
    read.setInt(3, qty);
    List<Long> ids = new ArrayList<>(qty);
    try (ResultSet rs = read.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong("msg_id"));
        rs.getInt("read_ct");
        rs.getObject("enqueued_at", java.time.OffsetDateTime.class);
        rs.getObject("vt", java.time.OffsetDateTime.class);
        rs.getString("message");
        rs.getString("headers");
      }
    }
    return ids;
  }

  int deleteBatch(String queue, List<Long> ids) throws SQLException {
    deleteBatch.setString(1, queue);
    deleteBatch.setArray(2, connection.createArrayOf("bigint", ids.toArray()));
    int n = 0;
    try (ResultSet rs = deleteBatch.executeQuery()) {
      while (rs.next()) {
        n++;
      }
    }
    return n;
  }

  boolean delete(String queue, long id) throws SQLException {
    delete.setString(1, queue);
    delete.setLong(2, id);
    try (ResultSet rs = delete.executeQuery()) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  void insertOrder(long id) throws SQLException {
    insertOrder.setLong(1, id);
    insertOrder.setString(2, "customer-" + id % 97);
    insertOrder.setLong(3, 1000 + id % 5000);
    insertOrder.executeUpdate();
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
