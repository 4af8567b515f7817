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
 * The baselines: prepared statements on one plain JDBC connection, written as a careful JDBC
 * programmer would: PGMQ's functions, or (for the outbox) the static insert into the queue table
 * that is the least a second statement can cost.
 */
final class RawJdbc implements AutoCloseable {

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final Connection connection;
  private final PreparedStatement send;
  private final PreparedStatement sendBatch;
  private final PreparedStatement read;
  private final PreparedStatement deleteBatch;
  private final PreparedStatement delete;
  private final PreparedStatement insertOrder;
  private final java.util.Map<String, PreparedStatement[]> queueInserts = new java.util.HashMap<>();

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

  /** {@code value} as JSON text, encoded with Jackson as JDBC code that sends objects must. */
  String encode(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("unencodable " + value, e);
    }
  }

  /** Each of {@code values} as JSON text ({@link #encode}). */
  String[] encode(List<?> values) {
    String[] out = new String[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = encode(values.get(i));
    }
    return out;
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

  /**
   * The best raw outbox write: one static insert of PGMQ's row into {@code pgmq.q_<queue>} (vt =
   * the wall clock, the rest from the table's defaults), one row or an unnest of n.
   */
  void insertQueueRows(String queue, String[] messages, String[] headers) throws SQLException {
    PreparedStatement[] ps = queueInserts.get(queue);
    if (ps == null) {
      String table = "pgmq.q_" + queue;
      ps =
          new PreparedStatement[] {
            connection.prepareStatement(
                "insert into "
                    + table
                    + " (vt, message, headers) values (clock_timestamp(), ?::jsonb, ?::jsonb)"
                    + " returning msg_id"),
            connection.prepareStatement(
                "insert into "
                    + table
                    + " (vt, message, headers) select (select clock_timestamp()), b.m, b.h"
                    + " from unnest(?::jsonb[], ?::jsonb[]) with ordinality as b(m, h, n)"
                    + " order by b.n returning msg_id")
          };
      queueInserts.put(queue, ps);
    }
    PreparedStatement insert;
    if (messages.length == 1) {
      insert = ps[0];
      insert.setString(1, messages[0]);
      insert.setString(2, headers[0]);
    } else {
      insert = ps[1];
      insert.setArray(1, connection.createArrayOf("jsonb", messages));
      insert.setArray(2, connection.createArrayOf("jsonb", headers));
    }
    try (ResultSet rs = insert.executeQuery()) {
      while (rs.next()) {
        rs.getLong(1);
      }
    }
  }

  /**
   * Reads up to {@code qty} messages (vt 30 s) and decodes each payload with Jackson into the
   * record, as a consumer must; returns the ids.
   */
  <T> List<Long> readDecoded(String queue, int qty, Class<T> type, List<T> into)
      throws SQLException {
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
        try {
          into.add(JSON.readValue(rs.getString("message"), type));
        } catch (java.io.IOException e) {
          throw new SQLException("undecodable payload", e);
        }
        rs.getString("headers");
      }
    }
    return ids;
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
