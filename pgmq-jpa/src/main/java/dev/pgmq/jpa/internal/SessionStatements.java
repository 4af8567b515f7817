package dev.pgmq.jpa.internal;

import dev.pgmq.jpa.NoActiveTransactionException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.function.Consumer;

/**
 * The PGMQ statements of one unit of work, run by a {@link StatementRunner}: on a Hibernate session
 * inside the caller's transaction ({@link HibernateSessionRunner}), or on a plain pooled JDBC
 * connection of the URL client ({@link JdbcConnectionRunner}). Checks the transaction and runs the
 * one-time preparation hook; the runner executes, binds ({@link #bind}) and translates.
 */
final class SessionStatements {

  private final StatementRunner runner;
  private final boolean autoCommitted;
  private Runnable beforeFirstStatement;

  /**
   * Statements run by {@code runner}; with {@code autoCommitted}, the caller guarantees that there
   * is no transaction and the connection is in auto-commit mode, so that each statement commits on
   * its own (the client's single-operation calls); otherwise an active transaction is required.
   * {@code beforeFirstStatement} (if not null) runs once, just before the first statement: after
   * the arguments of the operation have been checked, so an invalid call runs no SQL at all.
   */
  SessionStatements(StatementRunner runner, boolean autoCommitted, Runnable beforeFirstStatement) {
    this.runner = runner;
    this.autoCommitted = autoCommitted;
    this.beforeFirstStatement = beforeFirstStatement;
  }

  /** Reads one result row. */
  @FunctionalInterface
  interface RowReader<R> {
    R read(ResultSet rs, Columns columns) throws SQLException;
  }

  /** Every row of {@code sql}, read by column name. */
  <R> List<R> rows(String op, String queue, String sql, RowReader<R> reader, Object... params) {
    requireTransaction();
    runBeforeFirstStatement();
    return runner.execute(op, queue, sql, reader, params);
  }

  /** The first row of {@code sql}, or {@code null}. */
  <R> R first(String op, String queue, String sql, RowReader<R> reader, Object... params) {
    List<R> rows = rows(op, queue, sql, reader, params);
    return rows.isEmpty() ? null : rows.get(0);
  }

  /** The optional features of this database (detected once per factory or data source). */
  PgmqFeatures features() {
    requireTransaction();
    runBeforeFirstStatement();
    return PgmqFeatures.of(runner);
  }

  /** Runs {@code work} on the connection the statements run on. */
  void onConnection(Consumer<Connection> work) {
    requireTransaction();
    runBeforeFirstStatement();
    runner.onConnection(work);
  }

  /** Adds every row of {@code rs} to {@code out}. */
  static <R> List<R> readAll(ResultSet rs, RowReader<R> reader, List<R> out) throws SQLException {
    if (rs.next()) {
      Columns columns = new Columns(rs.getMetaData());
      do {
        out.add(reader.read(rs, columns));
      } while (rs.next());
    }
    return out;
  }

  static void bind(PreparedStatement ps, Object[] params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      if (p instanceof String s) {
        ps.setString(i + 1, s);
      } else if (p instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else if (p instanceof Long n) {
        ps.setLong(i + 1, n);
      } else if (p == null) {
        ps.setNull(i + 1, Types.VARCHAR);
      } else {
        throw new IllegalArgumentException("unsupported bind value " + p.getClass());
      }
    }
  }

  private void runBeforeFirstStatement() {
    Runnable hook = beforeFirstStatement;
    if (hook != null) {
      beforeFirstStatement = null;
      hook.run();
    }
  }

  private void requireTransaction() {
    if (!autoCommitted && !runner.inTransaction()) {
      throw new NoActiveTransactionException(
          "Pgmq.using(entityManager) runs inside the caller's transaction, and the"
              + " EntityManager has no active transaction: begin one (or use PgmqClient,"
              + " which commits each call itself)");
    }
  }
}
