package dev.pgmq.it.reliability;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes over plain JDBC, outside the library under test. */
final class Sql {

  /** Where connections come from: a test database, an embedded server. */
  @FunctionalInterface
  interface Connections {
    Connection open() throws SQLException;
  }

  private final Connections connections;

  Sql(Connections connections) {
    this.connections = connections;
  }

  /** Runs statements in auto-commit. */
  void exec(String... statements) {
    try (Connection c = connections.open();
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(String.join("; ", statements), e);
    }
  }

  /** The single number the query returns. */
  long number(String query) {
    List<Long> values = numbers(query);
    if (values.size() != 1) {
      throw new IllegalStateException(query + " returned " + values.size() + " rows");
    }
    return values.get(0);
  }

  /** The first column of every row, as longs (SQL NULL as {@code null}). */
  List<Long> numbers(String query) {
    List<Long> out = new ArrayList<>();
    try (Connection c = connections.open();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        long v = rs.getLong(1);
        out.add(rs.wasNull() ? null : v);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(query, e);
    }
    return out;
  }

  /** Every row as text, columns joined by {@code |}; for before/after comparisons. */
  List<String> rows(String query) {
    List<String> out = new ArrayList<>();
    try (Connection c = connections.open();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
    } catch (SQLException e) {
      throw new IllegalStateException(query, e);
    }
    return out;
  }

  /**
   * The state of the PGMQ schema: its tables with their row counts and a digest of every row (so a
   * changed read count or visibility shows), and the queue registry. Equal snapshots before and
   * after an operation mean it changed nothing PGMQ holds.
   */
  List<String> pgmqState() {
    List<String> state = new ArrayList<>(rows("select queue_name from pgmq.meta order by 1"));
    for (String table :
        rows(
            "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = 'pgmq' and c.relkind in ('r', 'p') order by 1")) {
      state.addAll(
          rows(
              "select '"
                  + table
                  + "', count(*), md5(coalesce(string_agg(t::text, ',' order by t::text), ''))"
                  + " from pgmq.\""
                  + table
                  + "\" t"));
    }
    return state;
  }
}
