package dev.pgmq.jpa.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgmq.jpa.PgmqSchema;
import dev.pgmq.jpa.PgmqSchemaException;
import dev.pgmq.jpa.PgmqSqlScript;
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
      Map<String, Object> record =
          new Sql(c).rows("select * from pgmq._sql_install_version()").get(0);
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
  void concurrentSqlOnlyEnsuresFromSeveralConnectionsInstallExactlyOnce(TestDatabase db)
      throws Exception {
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
        assumeNoPgmqExtensionIn(c);
        assertThat((Long) new Sql(c).one("select count(*) from pgmq._sql_install_version()"))
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
  void anOlderSqlOnlyInstallIsUpgradedInPlaceKeepingQueuesAndMessages(TestDatabase db)
      throws Exception {
    try (ScratchDatabase scratch = ScratchDatabase.create(db);
        Connection c = scratch.connect()) {
      assumeNoPgmqExtensionIn(c);
      Sql sql = new Sql(c);
      PgmqSchema.ensure(c, SchemaMode.SQL_ONLY);
      sql.exec("select pgmq.create('orders')");
      sql.exec(
          "select pgmq.send_batch('orders', array['{\"n\":1}','{\"n\":2}','{\"n\":3}']::jsonb[],"
              + " array['{\"h\":1}','{\"h\":2}','{\"h\":3}']::jsonb[])");
      sql.exec("select pgmq.archive('orders', 1::bigint)");
      sql.exec("select pgmq.enable_notify_insert('orders', 0)");
      sql.exec("select pgmq.bind_topic('orders.#', 'orders')");
      makeItLookLikeAnOlderInstall(sql);

      SchemaStatus status = PgmqSchema.ensure(c, SchemaMode.EXTENSION_OR_SQL);

      assertThat(status).isEqualTo(new SchemaStatus(Kind.SQL, "1.13.1", Change.UPGRADED));
      Map<String, Object> record = sql.rows("select * from pgmq._sql_install_version()").get(0);
      assertThat(record)
          .containsEntry("pgmq_version", "1.13.1")
          .containsEntry("script_revision", PgmqSchema.sqlScriptRevision())
          .containsEntry("upgraded_from", "1.12.0 r1");
      // the record table of revisions 1 and 2 is gone (the extension has no such table)
      assertThat((Object) sql.one("select to_regclass('pgmq.sql_install_version')")).isNull();
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
          .contains("DEFERRABLE INITIALLY IMMEDIATE")
          .contains("notify_queue_listeners('orders')");
      // bindings made before keep working with the extension's pattern semantics and names
      assertThat(sql.<String>column("select compiled_regex from pgmq.topic_bindings"))
          .containsExactly("^orders\\..*$");
      assertThat((Integer) sql.one("select pgmq.send_topic('orders', '{}'::jsonb)")).isZero();
      assertThat(
              sql.<String>column(
                  "select conname::text from pg_constraint where contype = 'f' and connamespace ="
                      + " 'pgmq'::regnamespace order by 1"))
          .containsExactly(
              "notify_insert_throttle_meta_queue_name_fk", "topic_bindings_meta_queue_name_fk");
      assertThat((Long) sql.one("select pgmq.send('orders', '{}'::jsonb)")).isEqualTo(4L);

      assertThat(PgmqSchema.ensure(c, SchemaMode.EXTENSION_OR_SQL)).isEqualTo(CURRENT_SQL);
    }
  }

  @Test
  void aNewerSqlOnlyInstallIsLeftAlone(TestDatabase db) throws Exception {
    try (ScratchDatabase scratch = ScratchDatabase.create(db);
        Connection c = scratch.connect()) {
      assumeNoPgmqExtensionIn(c);
      PgmqSchema.ensure(c, SchemaMode.SQL_ONLY);
      recordVersion(new Sql(c), "9.0.0", 1);
      assertThat(PgmqSchema.ensure(c, SchemaMode.EXTENSION_OR_SQL))
          .isEqualTo(new SchemaStatus(Kind.SQL, "9.0.0", Change.NONE));
      assertThat((String) new Sql(c).one("select pgmq_version from pgmq._sql_install_version()"))
          .isEqualTo("9.0.0");
    }
  }

  @Test
  void aRevisionTwoSqlOnlyInstallWithItsRecordTableIsUpgradedAndTheTableDropped(TestDatabase db)
      throws Exception {
    try (ScratchDatabase scratch = ScratchDatabase.create(db);
        Connection c = scratch.connect()) {
      assumeNoPgmqExtensionIn(c);
      Sql sql = new Sql(c);
      PgmqSchema.ensure(c, SchemaMode.SQL_ONLY);
      sql.exec("select pgmq.create('kept')");
      sql.exec("select pgmq.send('kept', '{\"k\":1}'::jsonb)");
      recordInRevisionTwoTable(sql, "1.13.1", 2);

      assertThat(PgmqSchema.ensure(c, SchemaMode.SQL_ONLY))
          .isEqualTo(new SchemaStatus(Kind.SQL, "1.13.1", Change.UPGRADED));
      assertThat(sql.rows("select * from pgmq._sql_install_version()").get(0))
          .containsEntry("script_revision", PgmqSchema.sqlScriptRevision())
          .containsEntry("upgraded_from", "1.13.1 r2");
      assertThat((Object) sql.one("select to_regclass('pgmq.sql_install_version')")).isNull();
      assertThat(sql.<String>column("select message->>'k' from pgmq.q_kept")).containsExactly("1");
      assertThat(PgmqSchema.ensure(c, SchemaMode.SQL_ONLY)).isEqualTo(CURRENT_SQL);
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
  void theSqlOnlyScriptRecordsTheVersionTheLibraryReports() {
    assertThat(PgmqSchema.sqlScriptVersion()).isEqualTo("1.13.1");
    assertThat(PgmqSchema.sqlScript())
        .contains("new_version constant text := '1.13.1';")
        .contains("new_revision constant integer := " + PgmqSchema.sqlScriptRevision() + ";")
        .contains("CREATE SCHEMA IF NOT EXISTS pgmq")
        .contains("the SQL-only install must not be applied over it");
  }

  @Test
  void mainPrintsTheScriptOrItsVersion() {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      PgmqSqlScript.main(new String[0]);
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(PgmqSchema.sqlScript());
      out.reset();
      PgmqSqlScript.main(new String[] {"--version"});
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
    // the shapes revision 2 had: constraint names and the pattern translation of its own
    sql.exec(
        "alter table pgmq.notify_insert_throttle rename constraint"
            + " notify_insert_throttle_meta_queue_name_fk to notify_insert_throttle_queue_name_fkey");
    sql.exec(
        "alter table pgmq.topic_bindings rename constraint topic_bindings_meta_queue_name_fk to"
            + " topic_bindings_queue_name_fkey");
    sql.exec("alter table pgmq.topic_bindings drop column compiled_regex");
    sql.exec(
        "alter table pgmq.topic_bindings add column compiled_regex text generated always as"
            + " (case when pattern = '#' then '^.*$' else '^' || replace(replace(replace(pattern,"
            + " '.', '\\.'), '*', '[^.]+'), '.\\#', '(\\.[^.]+)*') || '$' end) stored");
    recordInRevisionTwoTable(sql, "1.12.0", 1);
  }

  /** Replaces the install record by one claiming {@code version} r{@code revision}. */
  private static void recordVersion(Sql sql, String version, int revision) {
    sql.exec(
        "create or replace function pgmq._sql_install_version() returns table (pgmq_version"
            + " text, script_revision integer, installed_at timestamptz, upgraded_from text)"
            + " language sql as $$ select '"
            + version
            + "'::text, "
            + revision
            + ", now(), null::text $$");
  }

  /** Records the install the way revisions 1 and 2 did: a table, and no record function. */
  private static void recordInRevisionTwoTable(Sql sql, String version, int revision) {
    sql.exec("drop function pgmq._sql_install_version()");
    sql.exec(
        "create table pgmq.sql_install_version (id integer primary key default 1 check (id = 1),"
            + " pgmq_version text not null, script_revision integer not null, installed_at"
            + " timestamptz not null default now(), upgraded_from text)");
    sql.exec(
        "insert into pgmq.sql_install_version (pgmq_version, script_revision) values (?, ?)",
        version,
        revision);
  }

  private static void assumeNoPgmqExtensionIn(Connection c) {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        (Long) new Sql(c).one("select count(*) from pg_extension where extname = 'pgmq'") == 0L,
        "this database has the pgmq extension: the SQL-only install never goes over it");
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
