package dev.pgmq.jpa.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Queue creation, listing, purging, dropping, names and the errors of the SQL-only install. */
@PgmqDatabaseTest
class QueueLifecycleIT {

  private static final String TS = "timestamp with time zone";

  private final TestDatabase db;
  private Connection connection;
  private Sql sql;

  QueueLifecycleIT(TestDatabase db) {
    this.db = db;
  }

  @BeforeEach
  void connect() throws Exception {
    connection = db.connect();
    sql = new Sql(connection);
  }

  @AfterEach
  void close() throws Exception {
    connection.close();
  }

  @Test
  void createMakesQueueAndArchiveTablesWithTheExtensionsColumnsIndexesAndMetaRow() {
    String q = db.uniqueName("shape");
    sql.exec("select pgmq.create(?)", q);

    assertThat(columns("q_" + q))
        .isEqualTo(
            "msg_id bigint not null identity a, read_ct integer not null default 0, enqueued_at "
                + TS
                + " not null default now(), last_read_at "
                + TS
                + ", vt "
                + TS
                + " not null, message jsonb, headers jsonb");
    assertThat(columns("a_" + q))
        .isEqualTo(
            "msg_id bigint not null, read_ct integer not null default 0, enqueued_at "
                + TS
                + " not null default now(), last_read_at "
                + TS
                + ", archived_at "
                + TS
                + " not null default now(), vt "
                + TS
                + " not null, message jsonb, headers jsonb");
    assertThat(indexes("q_" + q))
        .containsExactlyInAnyOrder("q_" + q + "_pkey", "q_" + q + "_vt_idx");
    assertThat(indexes("a_" + q))
        .containsExactlyInAnyOrder("a_" + q + "_pkey", "archived_at_idx_" + q);
    assertThat((String) sql.one("select pg_get_serial_sequence(?, 'msg_id')", "pgmq.q_" + q))
        .isEqualTo("pgmq.q_" + q + "_msg_id_seq");
    assertThat(persistence("q_" + q)).isEqualTo("p");

    List<Map<String, Object>> meta =
        sql.rows("select * from pgmq.list_queues() where queue_name = ?", q);
    assertThat(meta).hasSize(1);
    assertThat(meta.get(0))
        .containsEntry("is_partitioned", false)
        .containsEntry("is_unlogged", false)
        .containsKey("created_at");
  }

  @Test
  void createIsIdempotentAndOnlyNotices() {
    String q = db.uniqueName("twice");
    sql.exec("select pgmq.create(?)", q);
    sql.exec("select pgmq.send(?, '{\"keep\":true}'::jsonb)", q);
    List<String> notices = sql.exec("select pgmq.create(?)", q);
    assertThat(notices).anyMatch(n -> n.contains("already exists"));
    assertThat((Long) sql.one("select count(*) from pgmq.meta where queue_name = ?", q))
        .isEqualTo(1L);
    assertThat((Long) sql.one("select count(*) from pgmq.q_" + q)).isEqualTo(1L);
  }

  @Test
  void concurrentCreatesOfOneQueueSerialiseOnItsAdvisoryLock() throws Exception {
    String q = db.uniqueName("racy");
    try (Connection other = db.connect()) {
      other.setAutoCommit(false);
      new Sql(other).exec("select pgmq.create(?)", q);
      CompletableFuture<Void> second =
          CompletableFuture.runAsync(() -> sql.exec("select pgmq.create(?)", q));
      Thread.sleep(300);
      assertThat(second).as("second create waits for the first's lock").isNotDone();
      other.commit();
      second.get(10, TimeUnit.SECONDS);
    }
    assertThat((Long) sql.one("select count(*) from pgmq.meta where queue_name = ?", q))
        .isEqualTo(1L);
    assertThat((Long) sql.one("select pgmq.send(?, '{}'::jsonb)", q)).isEqualTo(1L);
  }

  @Test
  void createNonPartitionedIsWhatCreateDoes() {
    String q = db.uniqueName("nonpart");
    sql.exec("select pgmq.create_non_partitioned(?)", q);
    assertThat(persistence("q_" + q)).isEqualTo("p");
    assertThat((Boolean) sql.one("select is_partitioned from pgmq.meta where queue_name = ?", q))
        .isFalse();
  }

  @Test
  void createUnloggedMakesAnUnloggedQueueTableAndALoggedArchive() {
    String q = db.uniqueName("unlogged");
    sql.exec("select pgmq.create_unlogged(?)", q);
    assertThat(persistence("q_" + q)).isEqualTo("u");
    assertThat(persistence("a_" + q)).isEqualTo("p");
    assertThat((Boolean) sql.one("select is_unlogged from pgmq.meta where queue_name = ?", q))
        .isTrue();
    assertThat((Long) sql.one("select pgmq.send(?, '{}'::jsonb)", q)).isEqualTo(1L);
  }

  @Test
  void namesLongerThan47CharactersAreRejectedByEveryCreate() {
    String name = "n".repeat(48);
    for (String fn : List.of("create", "create_non_partitioned", "create_unlogged")) {
      sql.fails(
          "P0001",
          "queue name is too long, maximum length is 47 characters",
          "select pgmq." + fn + "(?)",
          name);
    }
    sql.fails(
        "P0001",
        "queue name is too long, maximum length is 47 characters",
        "select pgmq.validate_queue_name(?)",
        name);
    sql.exec("select pgmq.validate_queue_name(?)", "n".repeat(47));
    sql.exec("select pgmq.create(?)", "n".repeat(47));
  }

  @Test
  void formatTableNameLowerCasesAndRejectsInjectionCharacters() {
    assertThat((String) sql.one("select pgmq.format_table_name('Mixed_Case', 'q')"))
        .isEqualTo("q_mixed_case");
    assertThat((String) sql.one("select pgmq.format_table_name('with-dash', 'a')"))
        .isEqualTo("a_with-dash");
    for (String bad : List.of("a$b", "a;b", "a--b", "a'b")) {
      sql.fails(
          "P0001",
          // the extension's text really ends in a backslash and a quote
          "queue name contains invalid characters: $, ;, --, or \\'",
          "select pgmq.format_table_name(?, 'q')",
          bad);
      sql.fails("P0001", "queue name contains invalid characters", "select pgmq.create(?)", bad);
      sql.fails(
          "P0001",
          "queue name contains invalid characters",
          "select pgmq.send(?, '{}'::jsonb)",
          bad);
    }
  }

  @Test
  void mixedCaseAndDashedNamesWorkThroughQuotedLowerCaseTables() {
    sql.exec("select pgmq.create('Mixed_Case')");
    assertThat((Long) sql.one("select pgmq.send('mixed_case', '{}'::jsonb)")).isEqualTo(1L);
    assertThat(sql.rows("select * from pgmq.read('Mixed_Case', 30, 1)")).hasSize(1);
    assertThat(sql.<String>column("select queue_name::text from pgmq.list_queues()"))
        .contains("Mixed_Case");

    sql.exec("select pgmq.create('with-dash')");
    assertThat((String) sql.one("select to_regclass('pgmq.\"q_with-dash\"')::text"))
        .isEqualTo("pgmq.\"q_with-dash\"");
    assertThat((Long) sql.one("select pgmq.send('with-dash', '{}'::jsonb)")).isEqualTo(1L);
    assertThat((Boolean) sql.one("select pgmq.drop_queue('with-dash')")).isTrue();
  }

  @Test
  void differentlyCasedCreatesShareOneTablePairButDropRemovesOnlyItsOwnMetaRow() {
    sql.exec("select pgmq.create('CaseQ')");
    sql.exec("select pgmq.create('caseq')");
    assertThat((Long) sql.one("select count(*) from pgmq.meta where lower(queue_name) = 'caseq'"))
        .isEqualTo(2L);
    assertThat((Boolean) sql.one("select pgmq.drop_queue('caseq')")).isTrue();
    assertThat(
            sql.<String>column(
                "select queue_name::text from pgmq.meta where lower(queue_name) = 'caseq'"))
        .containsExactly("CaseQ");
    assertThat((Boolean) sql.one("select pgmq.drop_queue('CaseQ')")).isFalse();
  }

  @Test
  void dropQueueRemovesTablesMetaBindingsAndThrottleAndReturnsTrue() {
    String q = db.uniqueName("dropme");
    sql.exec("select pgmq.create(?)", q);
    sql.exec("select pgmq.bind_topic('drop.#', ?)", q);
    sql.exec("select pgmq.enable_notify_insert(?, 10)", q);
    assertThat((Boolean) sql.one("select pgmq.drop_queue(?)", q)).isTrue();
    assertThat((Object) sql.one("select to_regclass(?)", "pgmq.q_" + q)).isNull();
    assertThat((Object) sql.one("select to_regclass(?)", "pgmq.a_" + q)).isNull();
    assertThat((Long) sql.one("select count(*) from pgmq.meta where queue_name = ?", q)).isZero();
    assertThat((Long) sql.one("select count(*) from pgmq.topic_bindings where queue_name = ?", q))
        .isZero();
    assertThat(
            (Long)
                sql.one("select count(*) from pgmq.notify_insert_throttle where queue_name = ?", q))
        .isZero();
  }

  @Test
  void dropQueueOfAMissingQueueReturnsFalseWithANotice() throws Exception {
    List<String> notices = sql.exec("select pgmq.drop_queue('never_created')");
    assertThat(notices).containsExactly("pgmq queue `never_created` does not exist");
    assertThat((Boolean) sql.one("select pgmq.drop_queue('never_created')")).isFalse();
  }

  @Test
  void deprecatedTwoArgumentDropQueueWarnsDropsAndAlwaysReturnsTrue() {
    String q = db.uniqueName("olddrop");
    sql.exec("select pgmq.create(?)", q);
    List<String> warnings = sql.exec("select pgmq.drop_queue(?, false)", q);
    assertThat(warnings)
        .containsExactly(
            "drop_queue(queue_name, partitioned) is deprecated and will be removed in PGMQ v2.0."
                + " Use drop_queue(queue_name) instead");
    assertThat((Object) sql.one("select to_regclass(?)", "pgmq.q_" + q)).isNull();
    // on a queue that does not exist (any more) it warns, notices and still returns true
    assertThat((Boolean) sql.one("select pgmq.drop_queue(?, true)", q)).isTrue();
  }

  @Test
  void detachArchiveIsADeprecatedNoOpThatWarns() {
    String q = db.uniqueName("detach");
    sql.exec("select pgmq.create(?)", q);
    List<String> warnings = sql.exec("select pgmq.detach_archive(?)", q);
    assertThat(warnings)
        .containsExactly(
            "detach_archive(queue_name) is deprecated and is a no-op. It will be removed in PGMQ"
                + " v2.0. Archive tables are no longer member objects.");
    assertThat((Object) sql.one("select to_regclass(?)::text", "pgmq.a_" + q)).isNotNull();
  }

  @Test
  void purgeQueueReturnsTheCountAndEmptiesOnlyTheQueueTable() {
    String q = db.uniqueName("purge");
    sql.exec("select pgmq.create(?)", q);
    sql.exec("select pgmq.send_batch(?, array['{\"a\":1}','{\"a\":2}','{\"a\":3}']::jsonb[])", q);
    sql.exec("select pgmq.archive(?, 1::bigint)", q);
    assertThat((Long) sql.one("select pgmq.purge_queue(?)", q)).isEqualTo(2L);
    assertThat((Long) sql.one("select count(*) from pgmq.q_" + q)).isZero();
    assertThat((Long) sql.one("select count(*) from pgmq.a_" + q)).isEqualTo(1L);
  }

  @Test
  void operationsOnAMissingQueueRaiseUndefinedTable() {
    String missing = "relation \"pgmq.q_ghost\" does not exist";
    List<String> calls =
        List.of(
            "select pgmq.send('ghost', '{}'::jsonb)",
            "select pgmq.send_batch('ghost', array['{}']::jsonb[])",
            "select * from pgmq.read('ghost', 30, 1)",
            "select * from pgmq.read_with_poll('ghost', 30, 1, 1, 10)",
            "select * from pgmq.pop('ghost')",
            "select pgmq.delete('ghost', 1::bigint)",
            "select pgmq.delete('ghost', array[1]::bigint[])",
            "select pgmq.archive('ghost', 1::bigint)",
            "select pgmq.archive('ghost', array[1]::bigint[])",
            "select * from pgmq.set_vt('ghost', 1::bigint, 10)",
            "select * from pgmq.set_vt('ghost', array[1]::bigint[], now())",
            "select * from pgmq.metrics('ghost')",
            "select pgmq.purge_queue('ghost')",
            "select * from pgmq.read_grouped('ghost', 30, 1)");
    for (String call : calls) {
      sql.fails("42P01", missing, call);
    }
  }

  @Test
  void acquireQueueLockTakesTheTransactionScopedAdvisoryLockOfTheQueue() throws Exception {
    connection.setAutoCommit(false);
    try {
      sql.exec("select pgmq.acquire_queue_lock('locked_q')");
      assertThat(
              (Long)
                  sql.one(
                      "select count(*) from pg_locks where locktype = 'advisory' and pid ="
                          + " pg_backend_pid() and objid = (hashtext('pgmq.queue_locked_q')::bigint"
                          + " & 4294967295)"))
          .isEqualTo(1L);
    } finally {
      connection.rollback();
      connection.setAutoCommit(true);
    }
  }

  @Test
  void helperFunctionsReportExtensionsAndPartitionColumns() {
    assertThat((Boolean) sql.one("select pgmq._extension_exists('plpgsql')")).isTrue();
    assertThat((Boolean) sql.one("select pgmq._extension_exists('no_such_ext')")).isFalse();
    assertThat((Boolean) sql.one("select pgmq._belongs_to_pgmq('meta')")).isFalse();
    assertThat((String) sql.one("select pgmq._get_partition_col('10000')")).isEqualTo("msg_id");
    assertThat((String) sql.one("select pgmq._get_partition_col('1 day')"))
        .isEqualTo("enqueued_at");
    assertThat((String) sql.one("select pgmq._get_partition_col('daily')"))
        .isEqualTo("enqueued_at");
  }

  private String columns(String table) {
    return sql.one(
        "select string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod)"
            + " || case when a.attnotnull then ' not null' else '' end"
            + " || case when a.attidentity::text <> '' then ' identity ' || a.attidentity::text else '' end"
            + " || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), ''), ', '"
            + " order by a.attnum)"
            + " from pg_attribute a left join pg_attrdef d"
            + " on d.adrelid = a.attrelid and d.adnum = a.attnum"
            + " where a.attrelid = format('pgmq.%I', ?::text)::regclass and a.attnum > 0 and not"
            + " a.attisdropped",
        table);
  }

  private List<String> indexes(String table) {
    return sql.column(
        "select indexname::text from pg_indexes where schemaname = 'pgmq' and tablename = ?",
        table);
  }

  private String persistence(String table) {
    return sql.one(
        "select relpersistence::text from pg_class where oid = format('pgmq.%I',"
            + " ?::text)::regclass",
        table);
  }
}
