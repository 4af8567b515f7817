package dev.pgmq.jpa.internal.schema;

import dev.pgmq.jpa.SchemaMode;
import dev.pgmq.jpa.SchemaStatus;
import dev.pgmq.jpa.SchemaStatus.Change;
import dev.pgmq.jpa.SchemaStatus.Kind;
import dev.pgmq.jpa.internal.schema.InstallPlan.Action;

/** Decides, from a database's state and a mode, what the installer does. Pure logic. */
public final class InstallPlanner {

  private InstallPlanner() {}

  /** The plan for {@code mode} on a database in {@code state}, installing {@code bundled}. */
  public static InstallPlan plan(SchemaMode mode, SchemaState state, ScriptVersion bundled) {
    if (state.extensionInstalled()) {
      SchemaStatus status = new SchemaStatus(Kind.EXTENSION, state.extensionVersion(), Change.NONE);
      if (mode == SchemaMode.SQL_ONLY) {
        return fail(
            "the pgmq extension "
                + state.extensionVersion()
                + " is installed in this database; SchemaMode.SQL_ONLY never installs the SQL"
                + " API over it (use EXTENSION_OR_SQL, EXTENSION_ONLY or NONE)");
      }
      return new InstallPlan(Action.NOTHING, status, null);
    }
    if (state.sqlInstall() != null) {
      return planOverSqlInstall(mode, state.sqlInstall(), bundled);
    }
    if (state.metaTablePresent()) {
      if (mode == SchemaMode.EXTENSION_ONLY) {
        return fail(
            "schema pgmq holds an SQL install of PGMQ made by another tool and SchemaMode"
                + ".EXTENSION_ONLY needs the pgmq extension; remove that install first");
      }
      return new InstallPlan(
          Action.NOTHING, new SchemaStatus(Kind.EXTERNAL_SQL, "unknown", Change.NONE), null);
    }
    switch (mode) {
      case NONE:
        return fail(
            "PGMQ is not installed in this database: neither the pgmq extension nor an SQL"
                + " install (schema pgmq with table meta) was found, and SchemaMode.NONE installs"
                + " nothing. Install it (CREATE EXTENSION pgmq, or the script printed by `java -cp"
                + " pgmq-jpa.jar dev.pgmq.jpa.PgmqSqlScript`) or use SchemaMode.EXTENSION_OR_SQL");
      case EXTENSION_ONLY:
        if (!state.extensionAvailable()) {
          return fail(
              "SchemaMode.EXTENSION_ONLY: this PostgreSQL server does not offer the pgmq"
                  + " extension (not in pg_available_extensions); install the pgmq package on the"
                  + " server or use SchemaMode.EXTENSION_OR_SQL / SQL_ONLY");
        }
        return createExtension();
      case EXTENSION_OR_SQL:
        return state.extensionAvailable() ? createExtension() : runSql(bundled, Change.INSTALLED);
      case SQL_ONLY:
        return runSql(bundled, Change.INSTALLED);
      default:
        throw new IllegalArgumentException("unknown mode " + mode);
    }
  }

  private static InstallPlan planOverSqlInstall(
      SchemaMode mode, ScriptVersion installed, ScriptVersion bundled) {
    if (mode == SchemaMode.EXTENSION_ONLY) {
      return fail(
          "PGMQ is installed in this database by pgmq-jpa's SQL-only install ("
              + installed
              + "), not as the pgmq extension that SchemaMode.EXTENSION_ONLY requires");
    }
    boolean older = installed.compareTo(bundled) < 0;
    if (older && mode != SchemaMode.NONE) {
      return runSql(bundled, Change.UPGRADED);
    }
    return new InstallPlan(
        Action.NOTHING, new SchemaStatus(Kind.SQL, installed.pgmqVersion(), Change.NONE), null);
  }

  private static InstallPlan createExtension() {
    // The version is read back from pg_extension after CREATE EXTENSION.
    return new InstallPlan(
        Action.CREATE_EXTENSION, new SchemaStatus(Kind.EXTENSION, "?", Change.INSTALLED), null);
  }

  private static InstallPlan runSql(ScriptVersion bundled, Change change) {
    return new InstallPlan(
        Action.RUN_SQL, new SchemaStatus(Kind.SQL, bundled.pgmqVersion(), change), null);
  }

  private static InstallPlan fail(String message) {
    return new InstallPlan(Action.FAIL, null, message);
  }
}
