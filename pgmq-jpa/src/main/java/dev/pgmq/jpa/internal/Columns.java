package dev.pgmq.jpa.internal;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * The columns of one result by name, resolved once per result: a column a PGMQ version lacks (say
 * {@code last_read_at} before 1.10) reads as {@code null}; columns it adds are ignored.
 */
final class Columns {

  private final Map<String, Integer> index;

  Columns(ResultSetMetaData meta) throws SQLException {
    int n = meta.getColumnCount();
    index = new HashMap<>(n * 2);
    for (int i = 1; i <= n; i++) {
      index.put(meta.getColumnLabel(i), i);
    }
  }

  private int at(String name, boolean required) throws SQLException {
    Integer i = index.get(name);
    if (i == null) {
      if (required) {
        throw new SQLException(
            "PGMQ result has no column " + name + " (has " + index.keySet() + ")");
      }
      return 0;
    }
    return i;
  }

  long getLong(ResultSet rs, String name) throws SQLException {
    return rs.getLong(at(name, true));
  }

  int getInt(ResultSet rs, String name) throws SQLException {
    return rs.getInt(at(name, true));
  }

  boolean getBoolean(ResultSet rs, String name) throws SQLException {
    return rs.getBoolean(at(name, true));
  }

  String getString(ResultSet rs, String name) throws SQLException {
    int i = at(name, false);
    return i == 0 ? null : rs.getString(i);
  }

  Integer getIntOrNull(ResultSet rs, String name) throws SQLException {
    int i = at(name, false);
    if (i == 0) {
      return null;
    }
    int v = rs.getInt(i);
    return rs.wasNull() ? null : v;
  }

  Long getLongOrNull(ResultSet rs, String name) throws SQLException {
    int i = at(name, false);
    if (i == 0) {
      return null;
    }
    long v = rs.getLong(i);
    return rs.wasNull() ? null : v;
  }

  Instant getInstant(ResultSet rs, String name) throws SQLException {
    int i = at(name, false);
    if (i == 0) {
      return null;
    }
    OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
