package dev.pgmq.jpa.internal;

import dev.pgmq.jpa.internal.SessionStatements.RowReader;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.hibernate.Session;
import org.hibernate.engine.jdbc.spi.JdbcCoordinator;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * Runs statements on the JDBC connection of one EntityManager's Hibernate session, inside its
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
final class HibernateSessionRunner implements StatementRunner {

  private final EntityManager em;

  HibernateSessionRunner(EntityManager em) {
    this.em = em;
  }

  @Override
  public <R> List<R> execute(
      String op, String queue, String sql, RowReader<R> reader, Object[] params) {
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
      SessionStatements.bind(ps, params);
      // Executed directly rather than through Hibernate's ResultSetReturn: that one logs every
      // SQLException as a WARN (SqlExceptionHelper) before converting it, and the library
      // translates it into a typed exception instead. The result set closes with the statement.
      ResultSet rs;
      try {
        rs = ps.executeQuery();
      } catch (SQLException e) {
        throw quietlyConverted(session, e, sql);
      }
      return SessionStatements.readAll(rs, reader, new ArrayList<>(4));
    } catch (SQLException | RuntimeException e) {
      throw ErrorTranslator.translate(op, queue, e);
    } finally {
      jdbc.getLogicalConnection().getResourceRegistry().release(ps);
      jdbc.afterStatementExecution();
    }
  }

  @Override
  public void onConnection(Consumer<Connection> work) {
    em.unwrap(Session.class).doWork(work::accept);
  }

  @Override
  public boolean inTransaction() {
    return em.isJoinedToTransaction();
  }

  @Override
  public Object featureKey() {
    return em.getEntityManagerFactory();
  }

  EntityManager entityManager() {
    return em;
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
}
