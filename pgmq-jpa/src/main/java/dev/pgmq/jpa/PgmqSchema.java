package dev.pgmq.jpa;

import dev.pgmq.jpa.internal.schema.EntityManagerSchemaWork;
import dev.pgmq.jpa.internal.schema.SchemaInspector;
import dev.pgmq.jpa.internal.schema.SchemaInstaller;
import dev.pgmq.jpa.internal.schema.SqlScript;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Makes sure PGMQ is usable in a database: the {@code pgmq} extension where the server offers it,
 * else pgmq-jpa's SQL-only install of the PGMQ 1.13.1 SQL API (same schema, tables, types and
 * functions), per {@link SchemaMode}.
 *
 * <p>Every {@code ensure} is idempotent and safe to run concurrently from several connections or
 * JVMs: the work is serialised by a transaction-scoped advisory lock. The SQL-only install is never
 * applied over an installed extension; an older pgmq-jpa SQL-only install is upgraded in place,
 * keeping queues and messages. The script itself is available for migration tools through {@link
 * #sqlScript()} and from the command line: {@code java -cp pgmq-jpa.jar dev.pgmq.jpa.PgmqSqlScript
 * > pgmq.sql}.
 *
 * <p>Stateless and thread-safe. Installing needs the privileges to create a schema (and, for the
 * extension, to create that extension).
 */
public final class PgmqSchema {

  private PgmqSchema() {}

  /**
   * Makes sure PGMQ is installed on {@code connection}'s database, per {@code mode}.
   *
   * <p>With auto-commit on, the work runs in a transaction of its own, committed before this
   * returns. With auto-commit off it joins the connection's current transaction, which the caller
   * then commits (the advisory lock is held until then).
   *
   * @return what was found or done
   * @throws PgmqSchemaException when PGMQ is missing and {@code mode} may not install it, the mode
   *     conflicts with what is installed, or the install fails (the cause is kept)
   */
  public static SchemaStatus ensure(Connection connection, SchemaMode mode) {
    return SchemaInstaller.ensure(connection, mode);
  }

  /** {@link #ensure(Connection, SchemaMode)} with {@link SchemaMode#EXTENSION_OR_SQL}. */
  public static SchemaStatus ensure(Connection connection) {
    return ensure(connection, SchemaMode.EXTENSION_OR_SQL);
  }

  /**
   * Makes sure PGMQ is installed, per {@code mode}, through {@code entityManager}'s own JDBC
   * connection (Hibernate {@code Session.doWork}). Joins the active transaction when there is one;
   * otherwise runs in a resource-local transaction of its own that is committed before this
   * returns.
   *
   * @throws PgmqSchemaException as {@link #ensure(Connection, SchemaMode)}
   */
  public static SchemaStatus ensure(EntityManager entityManager, SchemaMode mode) {
    return EntityManagerSchemaWork.ensure(entityManager, mode);
  }

  /**
   * What PGMQ {@code connection}'s database holds, without changing anything (for health checks):
   * the kind and version of the install, with {@link SchemaStatus.Change#NONE}, or empty when PGMQ
   * is not installed. Reads catalogs only; needs no privilege beyond connecting.
   *
   * @throws PgmqSchemaException when the catalogs cannot be read (the cause is kept)
   */
  public static Optional<SchemaStatus> status(Connection connection) {
    try {
      return SchemaInspector.status(connection);
    } catch (SQLException e) {
      throw new PgmqSchemaException("could not read which PGMQ is installed: " + e.getMessage(), e);
    }
  }

  /**
   * Makes sure the {@code pg_partman} extension is installed (in schema {@code partman} when this
   * creates it), as {@code pgmq.create_partitioned} requires. Call it before creating a partitioned
   * queue; nothing else needs pg_partman. Same transaction rules and advisory lock as {@link
   * #ensure(Connection, SchemaMode)}: safe to call concurrently.
   *
   * @throws PgmqSchemaException when the server does not offer pg_partman or creating it fails
   */
  public static void ensurePartman(Connection connection) {
    SchemaInstaller.ensurePartman(connection);
  }

  /**
   * The SQL-only install script: idempotent, upgrades an older pgmq-jpa install in place, refuses
   * to run where the pgmq extension is installed. Run it in one transaction (for example as a
   * Flyway or Liquibase migration).
   */
  public static String sqlScript() {
    return SqlScript.text();
  }

  /** The PGMQ API version that {@link #sqlScript()} installs, e.g. {@code "1.13.1"}. */
  public static String sqlScriptVersion() {
    return SqlScript.VERSION.pgmqVersion();
  }

  /** The revision of pgmq-jpa's script for {@link #sqlScriptVersion()}; grows with every change. */
  public static int sqlScriptRevision() {
    return SqlScript.VERSION.revision();
  }
}
