package dev.pgmq.jpa.internal.schema;

import dev.pgmq.jpa.PgmqSchemaException;
import dev.pgmq.jpa.SchemaMode;
import dev.pgmq.jpa.SchemaStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs an {@link InstallPlan} on a JDBC connection, under a transaction-scoped advisory lock. */
public final class SchemaInstaller {

  /** Advisory lock key shared by every pgmq-jpa installer ("pgmqjpa1" in ASCII). */
  static final long LOCK_KEY = 0x70676d716a706131L;

  private static final Logger LOG = LoggerFactory.getLogger(SchemaInstaller.class);

  private SchemaInstaller() {}

  /**
   * Makes sure PGMQ is usable per {@code mode}. With auto-commit on, the work runs in a transaction
   * of its own that is committed (or rolled back) here; otherwise it joins the connection's current
   * transaction and the caller commits.
   */
  public static SchemaStatus ensure(Connection connection, SchemaMode mode) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(mode, "mode");
    try {
      return inTransaction(connection, () -> ensureInTransaction(connection, mode));
    } catch (SQLException e) {
      throw new PgmqSchemaException(
          "could not make sure PGMQ is installed (mode " + mode + "): " + e.getMessage(), e);
    }
  }

  /**
   * Makes sure {@code pg_partman} is installed, creating it in schema {@code partman} if not. Same
   * transaction rules and advisory lock as {@link #ensure}.
   */
  public static void ensurePartman(Connection connection) {
    Objects.requireNonNull(connection, "connection");
    try {
      inTransaction(
          connection,
          () -> {
            lock(connection);
            try (Statement s = connection.createStatement()) {
              try (ResultSet rs =
                  s.executeQuery(
                      "select 1 from pg_catalog.pg_extension where extname = 'pg_partman'")) {
                if (rs.next()) {
                  return null;
                }
              }
              try (ResultSet rs =
                  s.executeQuery(
                      "select 1 from pg_catalog.pg_available_extensions where name ="
                          + " 'pg_partman'")) {
                if (!rs.next()) {
                  throw new PgmqSchemaException(
                      "partitioned queues need pg_partman, which this PostgreSQL server does not"
                          + " offer (install the pg_partman package on the server)");
                }
              }
              s.execute("create schema if not exists partman");
              s.execute("create extension if not exists pg_partman schema partman");
              LOG.info("Created the pg_partman extension in schema partman");
            }
            return null;
          });
    } catch (SQLException e) {
      throw new PgmqSchemaException("could not install pg_partman: " + e.getMessage(), e);
    }
  }

  private static SchemaStatus ensureInTransaction(Connection connection, SchemaMode mode)
      throws SQLException {
    lock(connection);
    SchemaState state = SchemaInspector.inspect(connection);
    InstallPlan plan = InstallPlanner.plan(mode, state, SqlScript.VERSION);
    switch (plan.action()) {
      case FAIL:
        throw new PgmqSchemaException(plan.failure());
      case NOTHING:
        return plan.status();
      case CREATE_EXTENSION:
        try (Statement s = connection.createStatement()) {
          s.execute("create extension if not exists pgmq cascade");
        }
        SchemaState after = SchemaInspector.inspect(connection);
        LOG.info("Created the pgmq extension, version {}", after.extensionVersion());
        return new SchemaStatus(
            SchemaStatus.Kind.EXTENSION, after.extensionVersion(), SchemaStatus.Change.INSTALLED);
      case RUN_SQL:
        try (Statement s = connection.createStatement()) {
          s.execute(SqlScript.text());
        }
        LOG.info(
            "{} the PGMQ SQL API {} (SQL-only install){}",
            plan.status().change() == SchemaStatus.Change.UPGRADED ? "Upgraded" : "Installed",
            SqlScript.VERSION,
            state.sqlInstall() == null ? "" : ", was " + state.sqlInstall());
        return plan.status();
      default:
        throw new IllegalStateException("unknown action " + plan.action());
    }
  }

  private static void lock(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("select pg_advisory_xact_lock(" + LOCK_KEY + ")");
    }
  }

  /** Runs {@code work} in a transaction of its own when auto-commit is on, else in the current. */
  private static <T> T inTransaction(Connection connection, SqlWork<T> work) throws SQLException {
    boolean ownTransaction = connection.getAutoCommit();
    if (ownTransaction) {
      connection.setAutoCommit(false);
    }
    try {
      T result = work.run();
      if (ownTransaction) {
        connection.commit();
      }
      return result;
    } catch (SQLException | RuntimeException e) {
      if (ownTransaction) {
        connection.rollback();
      }
      throw e;
    } finally {
      if (ownTransaction) {
        connection.setAutoCommit(true);
      }
    }
  }

  @FunctionalInterface
  private interface SqlWork<T> {
    T run() throws SQLException;
  }
}
