package dev.pgmq.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides from the catalog, once per queue, whether {@code pgmq.q_<queue>} has exactly PGMQ's
 * columns, types and defaults, so a direct insert writes the row {@code pgmq.send_batch} would. A
 * missing table is not remembered (it may be created later). Thread-safe.
 */
final class QueueTableShapes {

  /** Tagged so statement counters can tell the once-per-queue lookup from the sends. */
  static final String COLUMNS =
      "/* pgmq-jpa queue shape */ select a.attname, format_type(a.atttypid, a.atttypmod),"
          + " a.attnotnull, a.attidentity::text, a.attgenerated::text,"
          + " pg_get_expr(d.adbin, d.adrelid)"
          + " from pg_catalog.pg_class c"
          + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
          + " join pg_catalog.pg_attribute a"
          + " on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped"
          + " left join pg_catalog.pg_attrdef d on d.adrelid = c.oid and d.adnum = a.attnum"
          + " where n.nspname = 'pgmq' and c.relname = ? and c.relkind in ('r', 'p')";

  /** PGMQ's queue table: column → type, not null, default ({@code "identity"} for msg_id). */
  private static final Map<String, String> PGMQ =
      Map.of(
          "msg_id", "bigint|t|identity",
          "read_ct", "integer|t|0",
          "enqueued_at", "timestamp with time zone|t|now()",
          "last_read_at", "timestamp with time zone|f|",
          "vt", "timestamp with time zone|t|",
          "message", "jsonb|f|",
          "headers", "jsonb|f|");

  private final ConcurrentHashMap<String, Boolean> known = new ConcurrentHashMap<>();

  /** Whether the queue's table has PGMQ's shape; {@code false} also when it does not exist. */
  boolean pgmqShaped(Connection connection, String queue) throws SQLException {
    Boolean cached = known.get(queue);
    if (cached != null) {
      return cached;
    }
    Map<String, String> columns = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(COLUMNS)) {
      ps.setString(1, QueueTable.relationName(queue));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.put(rs.getString(1), describe(rs));
        }
      }
    }
    if (columns.isEmpty()) {
      return false; // no such table (yet): send_batch reports it, nothing is remembered
    }
    boolean shaped = PGMQ.equals(columns);
    known.put(queue, shaped);
    return shaped;
  }

  /** Forgets what is known of {@code queue} (its table was dropped or replaced). */
  void forget(String queue) {
    known.remove(queue);
  }

  private static String describe(ResultSet rs) throws SQLException {
    String identity = rs.getString(4);
    String generated = rs.getString(5);
    String dflt = rs.getString(6);
    if (generated != null && !generated.isEmpty()) {
      return "generated";
    }
    boolean isIdentity = "a".equals(identity) || "d".equals(identity);
    String value = isIdentity ? "identity" : dflt == null ? "" : dflt;
    return rs.getString(2) + "|" + (rs.getBoolean(3) ? "t" : "f") + "|" + value;
  }
}
