package dev.pgmq.it.wildfly;

import dev.pgmq.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads the sample application's tables and queues straight from the test database. */
final class ShopTables {

  private final TestDatabase db;

  ShopTables(TestDatabase db) {
    this.db = db;
  }

  List<String> queues() throws SQLException {
    List<String> out = new ArrayList<>();
    query("select queue_name from pgmq.list_queues()", rs -> out.add(rs.getString(1)));
    return out;
  }

  List<Long> orderIds() throws SQLException {
    return longs("select id from shop_order order by id");
  }

  List<Long> shippedOrderIds() throws SQLException {
    return longs("select order_id from shipment order by order_id");
  }

  /**
   * Shipments whose listener could not look up {@code java:comp/UserTransaction} or
   * DefaultDataSource.
   */
  long shipmentsWithoutComponentNames() throws SQLException {
    return longs(
            "select count(*) from shipment"
                + " where not (user_transaction_found and default_data_source_found)")
        .get(0);
  }

  /** The {@code orderId} of every message in {@code queue} (visible or not). */
  List<Long> messageOrderIds(String queue) throws SQLException {
    return longs("select (message->>'orderId')::bigint from pgmq.q_" + queue + " order by 1");
  }

  long messages(String queue) throws SQLException {
    return longs("select count(*) from pgmq.q_" + queue).get(0);
  }

  /** Messages in every dead-letter queue. */
  long deadLetters() throws SQLException {
    long total = 0;
    for (String queue : queues()) {
      if (queue.endsWith("_dlq")) {
        total += messages(queue);
      }
    }
    return total;
  }

  private List<Long> longs(String sql) throws SQLException {
    List<Long> out = new ArrayList<>();
    query(sql, rs -> out.add(rs.getLong(1)));
    return out;
  }

  private void query(String sql, RowReader reader) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        reader.read(rs);
      }
    }
  }

  private interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }
}
