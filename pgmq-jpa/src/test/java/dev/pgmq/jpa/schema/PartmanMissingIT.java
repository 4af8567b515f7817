package dev.pgmq.jpa.schema;

import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** Partitioned operations in a database without pg_partman fail with the extension's message. */
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
      sql.fails("P0001", message, "select pgmq.convert_archive_partitioned('plain_archive')");
      sql.exec("select pgmq.send('plain_archive', '{}'::jsonb)");
    }
  }
}
