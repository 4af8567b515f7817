package dev.pgmq.jpa.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgmq.jpa.PgmqSchema;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Partitioned queues on pg_partman (4.x here): tables, partman config, metrics, drop, convert. */
@PgmqDatabaseTest
class PartitionedQueueIT {

  private final TestDatabase db;
  private Connection connection;
  private Sql sql;

  PartitionedQueueIT(TestDatabase db) {
    this.db = db;
  }

  @BeforeAll
  static void partman(TestDatabase db) throws Exception {
    db.assumePartman();
    try (Connection c = db.connect()) {
      PgmqSchema.ensurePartman(c);
      PgmqSchema.ensurePartman(c);
    }
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
  void ensurePartmanInstallsItIntoSchemaPartmanOnce() {
    assertThat((String) sql.one("select pgmq._get_pg_partman_schema()")).isEqualTo("partman");
    assertThat((Integer) sql.one("select pgmq._get_pg_partman_major_version()"))
        .isGreaterThanOrEqualTo(4);
    assertThat((Boolean) sql.one("select pgmq._extension_exists('pg_partman')")).isTrue();
    sql.exec("select pgmq._ensure_pg_partman_installed()");
  }

  @Test
  void createPartitionedByIdMakesPartmanManagedParentsWithDefaults() {
    String q = db.uniqueName("part");
    sql.exec("select pgmq.create_partitioned(?)", q);
    // unlike create(), creating a partitioned queue again fails: pg_partman refuses a parent it
    // manages already (as on the extension; pg_partman re-raises the unique violation)
    sql.fails(
        "P0001",
        "duplicate key value violates unique constraint \"part_config_parent_table_pkey\"",
        "select pgmq.create_partitioned(?)",
        q);

    assertThat(relkind("q_" + q)).isEqualTo("p");
    assertThat(relkind("a_" + q)).isEqualTo("p");
    assertThat(partitionKey("q_" + q)).isEqualTo("RANGE (msg_id)");
    assertThat(partitionKey("a_" + q)).isEqualTo("RANGE (msg_id)");
    assertThat(
            (String)
                sql.one(
                    "select attidentity::text from pg_attribute where attrelid = ?::regclass and"
                        + " attname = 'msg_id'",
                    "pgmq.q_" + q))
        .isEqualTo("d");
    assertThat(
            sql.<String>column(
                "select conname::text from pg_constraint where conrelid = ?::regclass and"
                    + " contype = 'p'",
                "pgmq.q_" + q))
        .isEmpty();
    assertThat(indexes("q_" + q)).contains("q_" + q + "_part_idx");
    assertThat(indexes("a_" + q)).containsExactly("archived_at_idx_" + q);
    assertThat(partitions("q_" + q))
        .contains("q_" + q + "_p0", "q_" + q + "_p10000", "q_" + q + "_default");

    List<Map<String, Object>> config =
        sql.rows(
            "select parent_table, partition_interval, retention, premake, retention_keep_table,"
                + " retention_keep_index, automatic_maintenance from partman.part_config where"
                + " parent_table in (?, ?) order by parent_table desc",
            "pgmq.q_" + q,
            "pgmq.a_" + q);
    assertThat(config).hasSize(2);
    assertThat(config)
        .allSatisfy(
            r ->
                assertThat(r)
                    .containsEntry("partition_interval", "10000")
                    .containsEntry("retention", "100000")
                    .containsEntry("premake", 4)
                    .containsEntry("retention_keep_table", false)
                    .containsEntry("retention_keep_index", true)
                    .containsEntry("automatic_maintenance", "on"));
    assertThat((Boolean) sql.one("select is_partitioned from pgmq.meta where queue_name = ?", q))
        .isTrue();
  }

  @Test
  void createPartitionedByTimePartitionsOnEnqueuedAtAndArchivedAt() {
    String q = db.uniqueName("timepart");
    sql.exec("select pgmq.create_partitioned(?, '1 day', '7 days', 2)", q);
    assertThat(partitionKey("q_" + q)).isEqualTo("RANGE (enqueued_at)");
    assertThat(partitionKey("a_" + q)).isEqualTo("RANGE (archived_at)");
    assertThat(
            (Integer)
                sql.one(
                    "select premake from partman.part_config where parent_table = ?",
                    "pgmq.q_" + q))
        .isEqualTo(2);
    long id = sql.one("select pgmq.send(?, '{\"t\":1}'::jsonb)", q);
    assertThat(sql.<Long>column("select msg_id from pgmq.read(?, 30, 1)", q)).containsExactly(id);
    assertThat((Boolean) sql.one("select pgmq.archive(?, ?::bigint)", q, id)).isTrue();
    assertThat((Long) sql.one("select count(*) from pgmq.a_" + q)).isEqualTo(1L);
  }

  @Test
  void createPartitionedRejectsPremakeBelowOneAndLongNames() {
    sql.fails(
        "P0001",
        "premake must be at least 1",
        "select pgmq.create_partitioned('bad_premake', '10000', '100000', 0)");
    sql.fails(
        "P0001",
        "queue name is too long, maximum length is 47 characters",
        "select pgmq.create_partitioned(?)",
        "p".repeat(48));
  }

  @Test
  void partitionedQueuesSupportTheWholeMessageCycle() {
    String q = db.uniqueName("cycle");
    sql.exec("select pgmq.create_partitioned(?, '10', '100', 2)", q);
    List<Long> ids =
        sql.column("select * from pgmq.send_batch(?, array_fill('{}'::jsonb, array[5]))", q);
    assertThat(ids).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(sql.<Long>column("select msg_id from pgmq.read(?, 30, 2)", q))
        .containsExactly(1L, 2L);
    assertThat(sql.<Long>column("select msg_id from pgmq.pop(?)", q)).containsExactly(3L);
    assertThat((Boolean) sql.one("select pgmq.delete(?, 4::bigint)", q)).isTrue();
    assertThat(sql.<Long>column("select * from pgmq.archive(?, array[1, 5]::bigint[])", q))
        .containsExactlyInAnyOrder(1L, 5L);
    assertThat(sql.<Long>column("select msg_id from pgmq.q_" + q)).containsExactly(2L);
    assertThat(sql.<Long>column("select msg_id from pgmq.a_" + q + " order by msg_id"))
        .containsExactly(1L, 5L);
    sql.exec("select pgmq.enable_notify_insert(?, 0)", q);
    sql.exec("select pgmq.send(?, '{}'::jsonb)", q);
  }

  @Test
  void metricsEstimateTheDefaultPartitionOnceAnalyzed() throws Exception {
    String q = db.uniqueName("overflow");
    sql.exec("select pgmq.create_partitioned(?, '10', '100', 1)", q);
    sql.exec("select pgmq.send_batch(?, array_fill('{}'::jsonb, array[45]))", q);
    Map<String, Object> before = sql.rows("select * from pgmq.metrics(?)", q).get(0);
    assertThat(before)
        .containsEntry("queue_length", 45L)
        .containsEntry("total_messages", 45L)
        .containsEntry("default_partition_length", 0L);
    sql.exec("analyze pgmq.q_" + q + "_default");
    long inDefault = sql.one("select count(*) from pgmq.q_" + q + "_default");
    assertThat(inDefault).isPositive();
    assertThat((Long) sql.one("select default_partition_length from pgmq.metrics(?)", q))
        .isEqualTo(inDefault);
    assertThat(sql.rows("select * from pgmq.metrics_all() where queue_name = ?", q).get(0))
        .containsEntry("default_partition_length", inDefault);
  }

  @Test
  void dropQueueRemovesPartitionedTablesAndPartmanConfig() {
    String q = db.uniqueName("droppart");
    sql.exec("select pgmq.create_partitioned(?)", q);
    assertThat((Boolean) sql.one("select pgmq.drop_queue(?)", q)).isTrue();
    assertThat((Object) sql.one("select to_regclass(?)", "pgmq.q_" + q)).isNull();
    assertThat((Object) sql.one("select to_regclass(?)", "pgmq.a_" + q)).isNull();
    assertThat(
            (Long)
                sql.one(
                    "select count(*) from partman.part_config where parent_table in (?, ?)",
                    "pgmq.q_" + q,
                    "pgmq.a_" + q))
        .isZero();
    assertThat((Long) sql.one("select count(*) from pgmq.meta where queue_name = ?", q)).isZero();
    // re-creating after a drop works (partman 4.7 reuses its template tables)
    sql.exec("select pgmq.create_partitioned(?)", q);
    assertThat((Long) sql.one("select pgmq.send(?, '{}'::jsonb)", q)).isEqualTo(1L);
  }

  @Test
  void convertArchivePartitionedReplacesAPlainArchiveAndKeepsTheOldOne() {
    String q = db.uniqueName("convert");
    sql.exec("select pgmq.create(?)", q);
    sql.exec("select pgmq.send_batch(?, array['{}','{}']::jsonb[])", q);
    sql.exec("select pgmq.archive(?, 1::bigint)", q);
    sql.exec("select pgmq.convert_archive_partitioned(?, '10000', '100000')", q);

    assertThat(relkind("a_" + q)).isEqualTo("p");
    assertThat(partitionKey("a_" + q)).isEqualTo("RANGE (msg_id)");
    assertThat(relkind("a_" + q + "_old")).isEqualTo("r");
    assertThat((Long) sql.one("select count(*) from pgmq.a_" + q + "_old")).isEqualTo(1L);
    assertThat(indexes("a_" + q))
        .containsExactlyInAnyOrder(
            "archived_at_idx_" + q, "a_" + q + "_archived_at_idx", "a_" + q + "_pkey1");
    Map<String, Object> config =
        sql.rows(
                "select retention, retention_keep_table, retention_keep_index,"
                    + " infinite_time_partitions from partman.part_config where parent_table = ?",
                "pgmq.a_" + q)
            .get(0);
    assertThat(config)
        .containsEntry("retention", "100000")
        .containsEntry("retention_keep_table", false)
        .containsEntry("retention_keep_index", false)
        .containsEntry("infinite_time_partitions", true);

    assertThat((Boolean) sql.one("select pgmq.archive(?, 2::bigint)", q)).isTrue();
    assertThat(sql.<Long>column("select msg_id from pgmq.a_" + q)).containsExactly(2L);
    List<String> notices = sql.exec("select pgmq.convert_archive_partitioned(?)", q);
    // the extension's text, with its stray "s"
    assertThat(notices).contains("Table a_" + q + "s is already partitioned");
  }

  @Test
  void convertArchivePartitionedOfAMissingQueueOnlyGivesANotice() {
    assertThat(sql.exec("select pgmq.convert_archive_partitioned('no_such')"))
        .containsExactly("Table a_no_suchs does not exists");
  }

  private String relkind(String table) {
    return sql.one("select relkind::text from pg_class where oid = ?::regclass", "pgmq." + table);
  }

  private String partitionKey(String table) {
    return sql.one("select pg_get_partkeydef(?::regclass)", "pgmq." + table);
  }

  private List<String> indexes(String table) {
    return sql.column(
        "select indexname::text from pg_indexes where schemaname = 'pgmq' and tablename = ?",
        table);
  }

  private List<String> partitions(String table) {
    return sql.column(
        "select c.relname::text from pg_inherits i join pg_class c on c.oid = i.inhrelid where"
            + " i.inhparent = ?::regclass",
        "pgmq." + table);
  }
}
