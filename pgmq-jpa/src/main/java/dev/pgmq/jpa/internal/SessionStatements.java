package dev.pgmq.jpa.internal;

import dev.pgmq.jpa.NoActiveTransactionException;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.engine.jdbc.spi.JdbcCoordinator;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * Runs PGMQ statements on the JDBC connection of one EntityManager's Hibernate session, inside its
 * active transaction, through Hibernate's own statement machinery ({@code JdbcCoordinator}): the
 * session's connection and transaction, its {@code StatementInspector} and resource tracking all
 * apply. Statements are executed on the prepared JDBC statement itself and a failure is translated
 * by {@link ErrorTranslator} alone, so Hibernate does not log a warning for an error the caller
 * receives as a typed exception.
 *
 * <p>Deliberately not a JPA native query: a native query costs tens of microseconds of query
 * planning and result-type resolution per call and, without query spaces, flushes every pending
 * entity change first. A PGMQ function never reads entity tables, so nothing needs flushing;
 * pending changes are flushed at commit (or the next query that needs them), in the same
 * transaction.
 */
final class SessionStatements {

  private final EntityManager em;
  private final boolean autoCommitted;
  private Runnable beforeFirstStatement;

  /**
   * Statements on {@code em}; with {@code autoCommitted}, the caller guarantees that the session
   * has no transaction and its connection is in auto-commit mode, so that each statement commits on
   * its own (the client's single-operation calls); otherwise an active transaction is required.
   */
  SessionStatements(EntityManager em, boolean autoCommitted) {
    this(em, autoCommitted, null);
  }

  /**
   * As {@link #SessionStatements(EntityManager, boolean)}, running {@code beforeFirstStatement} (if
   * not null) once, just before the first statement: after the arguments of the operation have been
   * checked, so an invalid call runs no SQL at all.
   */
  SessionStatements(EntityManager em, boolean autoCommitted, Runnable beforeFirstStatement) {
    this.em = em;
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
    return execute(em, op, queue, sql, reader, params);
  }

  /** The first row of {@code sql}, or {@code null}. */
  <R> R first(String op, String queue, String sql, RowReader<R> reader, Object... params) {
    List<R> rows = rows(op, queue, sql, reader, params);
    return rows.isEmpty() ? null : rows.get(0);
  }

  /** The optional features of this database (detected once per factory). */
  PgmqFeatures features() {
    requireTransaction();
    runBeforeFirstStatement();
    return PgmqFeatures.of(em);
  }

  EntityManager entityManager() {
    return em;
  }

  /** Runs {@code sql} on {@code em}'s session without the transaction check. */
  static <R> List<R> execute(
      EntityManager em, String op, String queue, String sql, RowReader<R> reader, Object[] params) {
    SharedSessionContractImplementor session;
    JdbcCoordinator jdbc;
    PreparedStatement ps;
    try {
      session = em.unwrap(SharedSessionContractImplementor.class);
      jdbc = session.getJdbcCoordinator();
      ps = jdbc.getStatementPreparer().prepareStatement(sql);
    } catch (RuntimeException e) {
      throw ErrorTranslator.translate(op, queue, e);
    }
    try {
      bind(ps, params);
      // Executed directly rather than through Hibernate's ResultSetReturn: that one logs every
      // SQLException as a WARN (SqlExceptionHelper) before converting it, and the library
      // translates it into a typed exception instead. The result set closes with the statement.
      ResultSet rs;
      try {
        rs = ps.executeQuery();
      } catch (SQLException e) {
        throw quietlyConverted(session, e, sql);
      }
      List<R> out = new ArrayList<>(4);
      if (rs.next()) {
        Columns columns = new Columns(rs.getMetaData());
        do {
          out.add(reader.read(rs, columns));
        } while (rs.next());
      }
      return out;
    } catch (SQLException | RuntimeException e) {
      throw ErrorTranslator.translate(op, queue, e);
    } finally {
      jdbc.getLogicalConnection().getResourceRegistry().release(ps);
      jdbc.afterStatementExecution();
    }
  }

  /**
   * Hibernate's own exception for {@code e} (the cause the library's exceptions have always had),
   * converted without the WARN that Hibernate's statement path logs for every SQLException.
   */
  private static RuntimeException quietlyConverted(
      SharedSessionContractImplementor session, SQLException e, String sql) {
    return session
        .getFactory()
        .getJdbcServices()
        .getSqlExceptionHelper()
        .getSqlExceptionConverter()
        .convert(e, "could not extract ResultSet", sql);
  }

  private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
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
    if (!autoCommitted && !em.isJoinedToTransaction()) {
      throw new NoActiveTransactionException(
          "Pgmq.using(entityManager) runs inside the caller's transaction, and the"
              + " EntityManager has no active transaction: begin one (or use PgmqClient,"
              + " which commits each call itself)");
    }
  }
}
