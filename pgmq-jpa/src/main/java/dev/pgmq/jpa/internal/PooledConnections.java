package dev.pgmq.jpa.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The URL client's connections: each call borrows one pooled connection (auto-commit) and returns
 * it; a transaction switches auto-commit off, commits or rolls back, and restores it.
 */
final class PooledConnections implements AutoCloseable {

  private final DataSource dataSource;

  PooledConnections(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  DataSource dataSource() {
    return dataSource;
  }

  /** {@code work} on a borrowed connection in auto-commit mode. */
  <R> R autoCommitted(Function<Connection, R> work) {
    Connection c = open();
    R result;
    try {
      result = work.apply(c);
    } catch (RuntimeException | Error e) {
      release(c, e);
      throw e;
    }
    release(c, null);
    return result;
  }

  /** {@code work} in one transaction on a borrowed connection: committed, or rolled back. */
  <R> R inTransaction(Function<Connection, R> work) {
    return autoCommitted(c -> transaction(c, work));
  }

  private static <R> R transaction(Connection c, Function<Connection, R> work) {
    try {
      c.setAutoCommit(false);
    } catch (SQLException e) {
      throw ErrorTranslator.translate("begin", null, e);
    }
    try {
      R result;
      try {
        result = work.apply(c);
      } catch (RuntimeException | Error e) {
        rollback(c, e);
        throw e;
      }
      try {
        c.commit();
      } catch (SQLException e) {
        RuntimeException failure = ErrorTranslator.translate("commit", null, e);
        rollback(c, failure);
        throw failure;
      }
      return result;
    } finally {
      restoreAutoCommit(c);
    }
  }

  private Connection open() {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw ErrorTranslator.translate("connect", null, e);
    }
  }

  private static void rollback(Connection c, Throwable failure) {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private static void restoreAutoCommit(Connection c) {
    try {
      c.setAutoCommit(true);
    } catch (SQLException e) {
      // a broken connection: the pool resets auto-commit on return or evicts the connection
    }
  }

  private static void release(Connection c, Throwable failure) {
    try {
      c.close();
    } catch (SQLException e) {
      if (failure != null) {
        failure.addSuppressed(e);
      } else {
        throw ErrorTranslator.translate("close", null, e);
      }
    }
  }

  @Override
  public void close() {
    if (dataSource instanceof AutoCloseable pool) {
      try {
        pool.close();
      } catch (Exception e) {
        throw ErrorTranslator.translate("close", null, e);
      }
    }
  }
}
