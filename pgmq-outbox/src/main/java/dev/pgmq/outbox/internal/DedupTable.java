package dev.pgmq.outbox.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Records event ids in a unique table in the caller's transaction; keeps the first of each id. */
final class DedupTable {

  private final String table;
  private final String insert;
  private volatile boolean ensured;

  DedupTable(String table) {
    this.table = table;
    this.insert =
        "insert into "
            + table
            + " (event_id, event_type) select * from unnest(?::uuid[], ?::text[])"
            + " on conflict (event_id) do nothing returning event_id";
  }

  /** Creates the table if this factory has not yet seen it committed; true when it ran the DDL. */
  boolean ensure(Connection connection) throws SQLException {
    if (ensured) {
      return false;
    }
    try (Statement s = connection.createStatement()) {
      s.execute("select pg_advisory_xact_lock(hashtext('pgmq_outbox_dedup_ddl'))");
      s.execute(
          "create table if not exists "
              + table
              + " (event_id uuid primary key, event_type text not null,"
              + " recorded_at timestamptz not null default now())");
    }
    return true;
  }

  /** Called after a transaction that ran {@link #ensure} committed. */
  void markEnsured() {
    ensured = true;
  }

  /** The messages whose event id was not recorded before, in order; records their ids. */
  List<OutboundMessage> keepNew(Connection connection, List<OutboundMessage> messages)
      throws SQLException {
    int n = messages.size();
    UUID[] ids = new UUID[n];
    String[] types = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = messages.get(i).eventId();
      types[i] = messages.get(i).eventType();
    }
    Set<UUID> fresh = new HashSet<>();
    try (PreparedStatement ps = connection.prepareStatement(insert)) {
      ps.setArray(1, connection.createArrayOf("uuid", ids));
      ps.setArray(2, connection.createArrayOf("text", types));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          fresh.add(rs.getObject(1, UUID.class));
        }
      }
    }
    if (fresh.size() == n) {
      return messages;
    }
    List<OutboundMessage> kept = new ArrayList<>(fresh.size());
    for (OutboundMessage m : messages) {
      if (fresh.remove(m.eventId())) {
        kept.add(m);
      }
    }
    return kept;
  }
}
