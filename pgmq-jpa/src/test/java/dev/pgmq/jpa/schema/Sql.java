package dev.pgmq.jpa.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small JDBC helpers for the schema tests: run a statement, read rows, expect an error. */
final class Sql {

  private final Connection connection;

  Sql(Connection connection) {
    this.connection = connection;
  }

  Connection connection() {
    return connection;
  }

  /** All rows, each a column-name to value map in select order; timestamps as Instant. */
  List<Map<String, Object>> rows(String sql, Object... args) {
    try (PreparedStatement ps = prepare(sql, args);
        ResultSet rs = ps.executeQuery()) {
      ResultSetMetaData md = rs.getMetaData();
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object value = rs.getObject(i);
          row.put(md.getColumnLabel(i), value instanceof Timestamp t ? t.toInstant() : value);
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** The first column of every row. */
  <T> List<T> column(String sql, Object... args) {
    List<T> values = new ArrayList<>();
    for (Map<String, Object> row : rows(sql, args)) {
      @SuppressWarnings("unchecked")
      T value = (T) row.values().iterator().next();
      values.add(value);
    }
    return values;
  }

  /** The first column of the only row. */
  <T> T one(String sql, Object... args) {
    List<T> values = column(sql, args);
    assertThat(values).as(sql).hasSize(1);
    return values.get(0);
  }

  /** Runs a statement, returning the warnings and notices it raised. */
  List<String> exec(String sql, Object... args) {
    try (PreparedStatement ps = prepare(sql, args)) {
      ps.execute();
      List<String> notices = new ArrayList<>();
      for (SQLWarning w = ps.getWarnings(); w != null; w = w.getNextWarning()) {
        notices.add(w.getMessage());
      }
      return notices;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Asserts that the statement fails, and returns the error. */
  SQLException error(String sql, Object... args) {
    SQLException e =
        catchThrowableOfType(
            SQLException.class,
            () -> {
              try (PreparedStatement ps = prepare(sql, args)) {
                ps.execute();
              }
            });
    assertThat((Throwable) e).as("expected %s to fail", sql).isNotNull();
    return e;
  }

  /**
   * Asserts that the statement fails with {@code sqlState} and a message containing {@code text}.
   */
  void fails(String sqlState, String text, String sql, Object... args) {
    SQLException e = error(sql, args);
    assertThat(e.getSQLState()).as("SQLSTATE of %s (%s)", sql, e.getMessage()).isEqualTo(sqlState);
    assertThat(e.getMessage()).contains(text);
  }

  private PreparedStatement prepare(String sql, Object... args) throws SQLException {
    PreparedStatement ps = connection.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      Object arg = args[i];
      if (arg instanceof String[] strings) {
        ps.setArray(i + 1, connection.createArrayOf("text", strings));
      } else if (arg instanceof Long[] longs) {
        ps.setArray(i + 1, connection.createArrayOf("bigint", longs));
      } else {
        ps.setObject(i + 1, arg);
      }
    }
    return ps;
  }
}
