package dev.pgmq.jpa.internal.schema;

import dev.pgmq.jpa.SchemaStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** Reads a database's {@link SchemaState} in one query (two when an SQL install is recorded). */
public final class SchemaInspector {

  /**
   * The record of revision 3 on: function {@code pgmq._sql_install_version()}. Revisions 1 and 2
   * kept it in table {@code pgmq.sql_install_version}, which an upgrade replaces.
   */
  private static final String QUERY =
      "select (select extversion from pg_catalog.pg_extension where extname = 'pgmq'),"
          + " exists (select 1 from pg_catalog.pg_available_extensions where name = 'pgmq'),"
          + " to_regprocedure('pgmq._sql_install_version()') is not null,"
          + " to_regclass('pgmq.sql_install_version') is not null,"
          + " to_regclass('pgmq.meta') is not null";

  private static final String RECORD_FUNCTION =
      "select pgmq_version, script_revision from pgmq._sql_install_version()";
  private static final String RECORD_TABLE =
      "select pgmq_version, script_revision from pgmq.sql_install_version where id = 1";

  private SchemaInspector() {}

  /** The state of {@code connection}'s database. */
  public static SchemaState inspect(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(QUERY)) {
      rs.next();
      String extensionVersion = rs.getString(1);
      boolean available = rs.getBoolean(2);
      boolean recordFunction = rs.getBoolean(3);
      boolean recordTable = rs.getBoolean(4);
      boolean meta = rs.getBoolean(5);
      ScriptVersion sql = null;
      if (extensionVersion == null && recordFunction) {
        sql = recorded(connection, RECORD_FUNCTION);
      } else if (extensionVersion == null && recordTable) {
        sql = recorded(connection, RECORD_TABLE);
      }
      return new SchemaState(extensionVersion, available, sql, meta);
    }
  }

  /** What is installed, read-only: empty when neither the extension nor an SQL install is there. */
  public static Optional<SchemaStatus> status(Connection connection) throws SQLException {
    SchemaState state = inspect(connection);
    if (state.extensionInstalled()) {
      return Optional.of(
          new SchemaStatus(
              SchemaStatus.Kind.EXTENSION, state.extensionVersion(), SchemaStatus.Change.NONE));
    }
    if (state.sqlInstall() != null) {
      return Optional.of(
          new SchemaStatus(
              SchemaStatus.Kind.SQL, state.sqlInstall().pgmqVersion(), SchemaStatus.Change.NONE));
    }
    if (state.metaTablePresent()) {
      return Optional.of(
          new SchemaStatus(SchemaStatus.Kind.EXTERNAL_SQL, "unknown", SchemaStatus.Change.NONE));
    }
    return Optional.empty();
  }

  private static ScriptVersion recorded(Connection connection, String query) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      return rs.next() ? new ScriptVersion(rs.getString(1), rs.getInt(2)) : null;
    }
  }
}
