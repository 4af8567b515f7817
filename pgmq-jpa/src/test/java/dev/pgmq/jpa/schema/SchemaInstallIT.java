package dev.pgmq.jpa.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgmq.jpa.PgmqSchema;
import dev.pgmq.jpa.PgmqSchemaException;
import dev.pgmq.jpa.SchemaMode;
import dev.pgmq.jpa.SchemaStatus;
import dev.pgmq.jpa.SchemaStatus.Change;
import dev.pgmq.jpa.SchemaStatus.Kind;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Installing, re-installing, verifying and upgrading PGMQ through {@link PgmqSchema}. */
@PgmqDatabaseTest(installPgmq = false)
class SchemaInstallIT {

  private static final SchemaStatus FRESH_SQL =
      new SchemaStatus(Kind.SQL, "1.13.1", Change.INSTALLED);
  private static final SchemaStatus CURRENT_SQL = new SchemaStatus(Kind.SQL, "1.13.1", Change.NONE);

  @Test
  void defaultModeInstallsSqlWhereTheServerLacksTheExtensionThenChangesNothing(TestDatabase db)
      throws Exception {
    assumeNoPgmqExtensionOnServer(db);
    try (ScratchDatabase scratch = ScratchDatabase.create(db);
        Connection c = scratch.connect()) {
      assertThat(PgmqSchema.ensure(c)).isEqualTo(FRESH_SQL);
      assertThat(c.getAutoCommit()).isTrue();
      assertThat(PgmqSchema.ensure(c, SchemaMode.EXTENSION_OR_SQL)).isEqualTo(CURRENT_SQL);
      assertThat(PgmqSchema.ensure(c, SchemaMode.SQL_ONLY)).isEqualTo(CURRENT_SQL);
      assertThat(PgmqSchema.ensure(c, SchemaMode.NONE)).isEqualTo(CURRENT_SQL);
      Map<String, Object> record = new Sql(c).rows("select * from pgmq.sql_install_version").get(0);
      assertThat(record)
          .containsEntry("pgmq_version", "1.13.1")
          .containsEntry("script_revision", PgmqSchema.sqlScriptRevision())
          .containsEntry("upgraded_from", null);
      assertThat(
              (Long)
                  new Sql(c)
                      .one(
                          "select pgmq.send(q, '{}'::jsonb) from pgmq.create('x'),"
                              + " (values ('x')) v(q)"))
          .isEqualTo(1L);
    }
  }

  @Test
  void sqlOnlyInstallsIntoAnEmptyDatabase(TestDatabase db) throws Exception {
    try (ScratchDatabase scratch = ScratchDatabase.create(db);
        Connection c = scratch.connect()) {
      assertThat(PgmqSchema.ensure(c, SchemaMode.SQL_ONLY)).isEqualTo(FRESH_SQL);
      assertThat(
              (Boolean)
                  new Sql(c)
                      .one(
                          "select to_regprocedure('pgmq.read_grouped_head(text,"
                              + "integer,integer)') is not null"))
          .isTrue();
    }
  }

  @Test
  void noneVerifiesOnlyAndFailsClearlyOnAnEmptyDatabase(TestDatabase db) throws Exception {
    try (ScratchDatabase scratch = ScratchDatabase.create(db);
        Connection c = scratch.connect()) {
      assertThatThrownBy(() -> PgmqSchema.ensure(c, SchemaMode.NONE))
          .isInstanceOf(PgmqSchemaException.class)
          .hasMessageContaining("PGMQ is not installed in this database")
          .hasMessageContaining("SchemaMode.NONE installs nothing");
      assertThat((Object) new Sql(c).one("select to_regnamespace('pgmq')")).isNull();
      assertThat(c.getAutoCommit()).isTrue();
    }
  }

  @Test
  void extensionOnlyFailsWhereTheServerDoesNotOfferTheExtension(TestDatabase db) throws Exception {
    assumeNoPgmqExtensionOnServer(db);
    try (ScratchDatabase scratch = ScratchDatabase.create(db);
        Connection c = scratch.connect()) {
      assertThatThrownBy(() -> PgmqSchema.ensure(c, SchemaMode.EXTENSION_ONLY))
          .isInstanceOf(PgmqSchemaException.class)
          .hasMessageContaining("does not offer the pgmq extension");
      PgmqSchema.ensure(c, SchemaMode.SQL_ONLY);
      assertThatThrownBy(() -> PgmqSchema.ensure(c, SchemaMode.EXTENSION_ONLY))
          .isInstanceOf(PgmqSchemaException.class)
          .hasMessageContaining("SQL-only install");
    }
  }

  @Test
  void concurrentEnsuresFromSeveralConnectionsInstallExactlyOnce(TestDatabase db) throws Exception {
    int threads = 4;
    try (ScratchDatabase scratch = ScratchDatabase.create(db)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<SchemaStatus>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          results.add(
              pool.submit(
                  () -> {
                    try (Connection c = scratch.connect()) {
                      start.await(10, TimeUnit.SECONDS);
                      return PgmqSchema.ensure(c, SchemaMode.SQL_ONLY);
                    }
                  }));
        }
        List<SchemaStatus> statuses = new ArrayList<>();
        for (Future<SchemaStatus> f : results) {
          statuses.add(f.get(60, TimeUnit.SECONDS));
        }
        assertThat(statuses).filteredOn(SchemaStatus::installedNow).hasSize(1);
        assertThat(statuses).filteredOn(s -> !s.installedNow()).hasSize(threads - 1);
      } finally {
        pool.shutdownNow();
      }
      try (Connection c = scratch.connect()) {
        assertThat((Long) new Sql(c).one("select count(*) from pgmq.sql_install_version"))
            .isEqualTo(1L);
      }
    }
  }

  @Test
  void ensurePartmanFromSeveralConnectionsAtOnceInstallsItOnceIntoSchemaPartman(TestDatabase db)
      throws Exception {
    db.assumePartman();
    int threads = 3;
    try (ScratchDatabase scratch = ScratchDatabase.create(db)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<Void>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          results.add(
              pool.submit(
                  () -> {
                    try (Connection c = scratch.connect()) {
                      start.await(10, TimeUnit.SECONDS);
                      PgmqSchema.ensurePartman(c);
                      assertThat(c.getAutoCommit()).isTrue();
                      return null;
                    }
                  }));
        }
        for (Future<Void> f : results) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      try (Connection c = scratch.connect()) {
        assertThat(
                (String)
                    new Sql(c)
                        .one(
                            "select extnamespace::regnamespace::text from pg_extension where"
                                + " extname = 'pg_partman'"))
            .isEqualTo("partman");
      }
    }
  }

  @Test
  void withAutoCommitOffEnsureJoinsTheCallersTransaction(TestDatabase db) throws Exception {
    try (ScratchDatabase scratch = ScratchDatabase.create(db);
        Connection c = scratch.connect()) {
      c.setAutoCommit(false);
      assertThat(PgmqSchema.ensure(c, SchemaMode.SQL_ONLY)).isEqualTo(FRESH_SQL);
      assertThat(c.getAutoCommit()).isFalse();
      c.rollback();
      assertThat((Object) new Sql(c).one("select to_regnamespace('pgmq')")).isNull();
      assertThat(PgmqSchema.ensure(c, SchemaMode.SQL_ONLY)).isEqualTo(FRESH_SQL);
      c.commit();
      c.setAutoCommit(true);
      assertThat(PgmqSchema.ensure(c, SchemaMode.NONE)).isEqualTo(CURRENT_SQL);
    }
  }

  @Test
  void aFailedInstallRollsBackAndRestoresAutoCommit(TestDatabase db) throws Exception {
    try (ScratchDatabase scratch = ScratchDatabase.create(db);
        Connection c = scratch.connect()) {
      new Sql(c).exec("create schema pgmq");
      new Sql(c)
          .exec(
              "create function pgmq.format_table_name(x int) returns int language sql"
                  + " as 'select 1'");
      new Sql(c).exec("create view pgmq.sql_install_version as select 1 as id");
      assertThatThrownBy(() -> PgmqSchema.ensure(c, SchemaMode.SQL_ONLY))
          .isInstanceOf(PgmqSchemaException.class)
          .hasCauseInstanceOf(java.sql.SQLException.class);
      assertThat(c.getAutoCommit()).isTrue();
      assertThat((Object) new Sql(c).one("select to_regclass('pgmq.meta')")).isNull();
    }
  }

  @Test
  void anOlderSqlInstallIsUpgradedInPlaceKeepingQueuesAndMessages(TestDatabase db)
      throws Exception {
    try (ScratchDatabase scratch = ScratchDatabase.create(db);
        Connection c = scratch.connect()) {
      Sql sql = new Sql(c);
      PgmqSchema.ensure(c, SchemaMode.SQL_ONLY);
      sql.exec("select pgmq.create('orders')");
      sql.exec(
          "select pgmq.send_batch('orders', array['{\"n\":1}','{\"n\":2}','{\"n\":3}']::jsonb[],"
              + " array['{\"h\":1}','{\"h\":2}','{\"h\":3}']::jsonb[])");
      sql.exec("select pgmq.archive('orders', 1::bigint)");
      sql.exec("select pgmq.enable_notify_insert('orders', 0)");
      makeItLookLikeAnOlderInstall(sql);

      SchemaStatus status = PgmqSchema.ensure(c, SchemaMode.EXTENSION_OR_SQL);

      assertThat(status).isEqualTo(new SchemaStatus(Kind.SQL, "1.13.1", Change.UPGRADED));
      Map<String, Object> record = sql.rows("select * from pgmq.sql_install_version").get(0);
      assertThat(record)
          .containsEntry("pgmq_version", "1.13.1")
          .containsEntry("script_revision", PgmqSchema.sqlScriptRevision())
          .containsEntry("upgraded_from", "1.12.0 r1");
      assertThat(
              sql.<String>column(
                  "select (message->>'n') || (headers->>'h') from pgmq.q_orders"
                      + " order by msg_id"))
          .containsExactly("22", "33");
      assertThat(sql.<String>column("select message->>'n' from pgmq.a_orders"))
          .containsExactly("1");
      List<Map<String, Object>> read = sql.rows("select * from pgmq.read('orders', 30, 1)");
      assertThat(read.get(0)).containsEntry("msg_id", 2L);
      assertThat(read.get(0).get("last_read_at")).isNotNull();
      assertThat((Boolean) sql.one("select pgmq.archive('orders', 2::bigint)")).isTrue();
      assertThat(
              (Boolean)
                  sql.one(
                      "select last_read_at is not null from pgmq.a_orders where" + " msg_id = 2"))
          .isTrue();
      assertThat(sql.rows("select * from pgmq.metrics('orders')").get(0))
          .containsKey("default_partition_length")
          .containsEntry("queue_length", 1L);
      assertThat(sql.rows("select * from pgmq.read_grouped_head('orders', 30, 5)"))
          .extracting(r -> r.get("msg_id"))
          .containsExactly(3L);
      assertThat(
              (String)
                  sql.one(
                      "select pg_get_triggerdef(oid) from pg_trigger where tgname ="
                          + " 'trigger_notify_queue_insert_listeners'"))
          .contains("notify_queue_listeners('orders')");
      assertThat((Long) sql.one("select pgmq.send('orders', '{}'::jsonb)")).isEqualTo(4L);

      assertThat(PgmqSchema.ensure(c, SchemaMode.EXTENSION_OR_SQL)).isEqualTo(CURRENT_SQL);
    }
  }

  @Test
  void aNewerSqlInstallIsLeftAlone(TestDatabase db) throws Exception {
    try (ScratchDatabase scratch = ScratchDatabase.create(db);
        Connection c = scratch.connect()) {
      PgmqSchema.ensure(c, SchemaMode.SQL_ONLY);
      new Sql(c).exec("update pgmq.sql_install_version set pgmq_version = '9.0.0'");
      assertThat(PgmqSchema.ensure(c, SchemaMode.EXTENSION_OR_SQL))
          .isEqualTo(new SchemaStatus(Kind.SQL, "9.0.0", Change.NONE));
      assertThat((String) new Sql(c).one("select pgmq_version from pgmq.sql_install_version"))
          .isEqualTo("9.0.0");
    }
  }

  @Test
  void anSqlInstallMadeByAnotherToolIsReportedAndNotModified(TestDatabase db) throws Exception {
    try (ScratchDatabase scratch = ScratchDatabase.create(db);
        Connection c = scratch.connect()) {
      Sql sql = new Sql(c);
      sql.exec("create schema pgmq");
      sql.exec(
          "create table pgmq.meta (queue_name varchar unique not null, is_partitioned boolean"
              + " not null, is_unlogged boolean not null, created_at timestamptz not null default"
              + " now())");
      assertThat(PgmqSchema.ensure(c, SchemaMode.EXTENSION_OR_SQL))
          .isEqualTo(new SchemaStatus(Kind.EXTERNAL_SQL, "unknown", Change.NONE));
      assertThat(
              (Long)
                  sql.one(
                      "select count(*) from pg_proc where pronamespace ="
                          + " 'pgmq'::regnamespace"))
          .isZero();
      assertThatThrownBy(() -> PgmqSchema.ensure(c, SchemaMode.EXTENSION_ONLY))
          .isInstanceOf(PgmqSchemaException.class)
          .hasMessageContaining("another tool");
    }
  }

  @Test
  void theScriptRunByAMigrationToolIsRecognisedAsTheCurrentInstall(TestDatabase db)
      throws Exception {
    try (ScratchDatabase scratch = ScratchDatabase.create(db);
        Connection c = scratch.connect()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute(PgmqSchema.sqlScript());
        s.execute(PgmqSchema.sqlScript());
      }
      c.commit();
      c.setAutoCommit(true);
      assertThat(PgmqSchema.ensure(c, SchemaMode.EXTENSION_OR_SQL)).isEqualTo(CURRENT_SQL);
    }
  }

  @Test
  void theScriptRecordsTheVersionTheLibraryReports() {
    assertThat(PgmqSchema.sqlScriptVersion()).isEqualTo("1.13.1");
    assertThat(PgmqSchema.sqlScript())
        .contains("VALUES (1, '1.13.1', " + PgmqSchema.sqlScriptRevision() + ")")
        .contains("CREATE SCHEMA IF NOT EXISTS pgmq")
        .contains("the SQL-only install must not be applied over it");
  }

  @Test
  void mainPrintsTheScriptOrItsVersion() {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      PgmqSchema.main(new String[0]);
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(PgmqSchema.sqlScript());
      out.reset();
      PgmqSchema.main(new String[] {"--version"});
      assertThat(out.toString(StandardCharsets.UTF_8).trim())
          .isEqualTo("1.13.1 r" + PgmqSchema.sqlScriptRevision());
    } finally {
      System.setOut(original);
    }
  }

  /** Turns a current install into one shaped like an older release (PGMQ 1.12-era API). */
  private static void makeItLookLikeAnOlderInstall(Sql sql) {
    sql.exec("drop type pgmq.metrics_result cascade");
    sql.exec(
        "create type pgmq.metrics_result as (queue_name text, queue_length bigint,"
            + " newest_msg_age_sec int, oldest_msg_age_sec int, total_messages bigint, scrape_time"
            + " timestamptz, queue_visible_length bigint)");
    sql.exec("drop function pgmq.read_grouped_head(text, integer, integer)");
    sql.exec("alter table pgmq.q_orders drop column last_read_at");
    sql.exec("alter table pgmq.a_orders drop column last_read_at");
    sql.exec("drop trigger trigger_notify_queue_insert_listeners on pgmq.q_orders");
    sql.exec(
        "create constraint trigger trigger_notify_queue_insert_listeners after insert on"
            + " pgmq.q_orders deferrable for each row execute function"
            + " pgmq.notify_queue_listeners()");
    sql.exec("update pgmq.sql_install_version set pgmq_version = '1.12.0', script_revision = 1");
  }

  private static void assumeNoPgmqExtensionOnServer(TestDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      org.junit.jupiter.api.Assumptions.assumeTrue(
          (Long) new Sql(c).one("select count(*) from pg_available_extensions where name = 'pgmq'")
              == 0L,
          "this server offers the pgmq extension");
    }
  }
}
