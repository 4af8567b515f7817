package dev.pgmq.jpa.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgmq.jpa.PgmqSchema;
import dev.pgmq.jpa.SchemaMode;
import dev.pgmq.jpa.SchemaStatus;
import dev.pgmq.jpa.testing.PgmqDatabaseTest;
import dev.pgmq.jpa.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@PgmqDatabaseTest(installPgmq = false)
class SchemaInstallIT {

  @Test
  void sqlInstallIntoEmptyDatabaseThenSecondEnsureChangesNothing(TestDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      SchemaStatus first = PgmqSchema.ensure(c, SchemaMode.EXTENSION_OR_SQL);
      assertThat(first.kind()).isEqualTo(SchemaStatus.Kind.SQL);
      assertThat(first.version()).isEqualTo("1.13.1");
      assertThat(first.change()).isEqualTo(SchemaStatus.Change.INSTALLED);
      assertThat(c.getAutoCommit()).isTrue();

      SchemaStatus second = PgmqSchema.ensure(c, SchemaMode.EXTENSION_OR_SQL);
      assertThat(second.change()).isEqualTo(SchemaStatus.Change.NONE);
      assertThat(second.kind()).isEqualTo(SchemaStatus.Kind.SQL);

      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "select pgmq_version, script_revision from pgmq.sql_install_version")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("1.13.1");
        assertThat(rs.getInt(2)).isEqualTo(PgmqSchema.sqlScriptRevision());
      }
    }
  }
}
