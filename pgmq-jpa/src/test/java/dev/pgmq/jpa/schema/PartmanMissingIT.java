package dev.pgmq.jpa.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** Partitioned operations in a database without pg_partman fail with the extension's errors. */
@PgmqDatabaseTest
class PartmanMissingIT {

  @Test
  void partitionedOperationsRequirePgPartman(TestDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      Sql sql = new Sql(c);
      String message = "pg_partman is required for partitioned queues";
      sql.fails("P0001", message, "select pgmq.create_partitioned('needs_partman')");
      sql.fails("P0001", message, "select pgmq._ensure_pg_partman_installed()");
      sql.exec("select pgmq.create('plain_archive')");
      // the extension fails here when it formats pg_partman's (missing) schema name; the
      // statement rolls back and the archive stays as it was
      sql.fails(
          "22004",
          "null values cannot be formatted as an SQL identifier",
          "select pgmq.convert_archive_partitioned('plain_archive')");
      assertThat(
              (String)
                  sql.one(
                      "select relkind::text from pg_class where oid = 'pgmq.a_plain_archive'::regclass"))
          .isEqualTo("r");
      sql.exec("select pgmq.send('plain_archive', '{}'::jsonb)");
    }
  }
}
