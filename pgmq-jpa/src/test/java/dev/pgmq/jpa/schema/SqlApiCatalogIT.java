package dev.pgmq.jpa.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PGMQ offers exactly the 1.13.1 signatures, types and tables (the SQL-only install as well). */
@PgmqDatabaseTest
class SqlApiCatalogIT {

  private static final String TS = "timestamp with time zone";
  private static final String MSG = "SETOF pgmq.message_record";
  private static final String POLL =
      "queue_name text, vt integer, qty integer, max_poll_seconds integer DEFAULT 5,"
          + " poll_interval_ms integer DEFAULT 100";
  private static final String BATCH_TOPIC = "TABLE(queue_name text, msg_id bigint)";
  private static final String BINDINGS =
      "TABLE(pattern text, queue_name text, bound_at " + TS + ", compiled_regex text)";

  /** Every public function of PGMQ 1.13.1: name(arguments) -> result. */
  private static final List<String> PUBLIC_FUNCTIONS =
      List.of(
          "create(queue_name text) -> void",
          "create_non_partitioned(queue_name text) -> void",
          "create_unlogged(queue_name text) -> void",
          "create_partitioned(queue_name text, partition_interval text DEFAULT '10000'::text,"
              + " retention_interval text DEFAULT '100000'::text, premake integer DEFAULT 4) -> void",
          "convert_archive_partitioned(table_name text, partition_interval text DEFAULT"
              + " '10000'::text, retention_interval text DEFAULT '100000'::text, leading_partition"
              + " integer DEFAULT 10) -> void",
          "drop_queue(queue_name text) -> boolean",
          "drop_queue(queue_name text, partitioned boolean) -> boolean",
          "purge_queue(queue_name text) -> bigint",
          "detach_archive(queue_name text) -> void",
          "list_queues() -> SETOF pgmq.queue_record",
          "metrics(queue_name text) -> pgmq.metrics_result",
          "metrics_all() -> SETOF pgmq.metrics_result",
          "create_fifo_index(queue_name text) -> void",
          "create_fifo_indexes_all() -> void",
          "send(queue_name text, msg jsonb) -> SETOF bigint",
          "send(queue_name text, msg jsonb, headers jsonb) -> SETOF bigint",
          "send(queue_name text, msg jsonb, delay integer) -> SETOF bigint",
          "send(queue_name text, msg jsonb, delay " + TS + ") -> SETOF bigint",
          "send(queue_name text, msg jsonb, headers jsonb, delay integer) -> SETOF bigint",
          "send(queue_name text, msg jsonb, headers jsonb, delay " + TS + ") -> SETOF bigint",
          "send_batch(queue_name text, msgs jsonb[]) -> SETOF bigint",
          "send_batch(queue_name text, msgs jsonb[], headers jsonb[]) -> SETOF bigint",
          "send_batch(queue_name text, msgs jsonb[], delay integer) -> SETOF bigint",
          "send_batch(queue_name text, msgs jsonb[], delay " + TS + ") -> SETOF bigint",
          "send_batch(queue_name text, msgs jsonb[], headers jsonb[], delay integer) -> SETOF"
              + " bigint",
          "send_batch(queue_name text, msgs jsonb[], headers jsonb[], delay "
              + TS
              + ") -> SETOF bigint",
          "read(queue_name text, vt integer, qty integer, conditional jsonb DEFAULT"
              + " '{}'::jsonb) -> "
              + MSG,
          "read_with_poll(queue_name text, vt integer, qty integer, max_poll_seconds integer"
              + " DEFAULT 5, poll_interval_ms integer DEFAULT 100, conditional jsonb DEFAULT"
              + " '{}'::jsonb) -> "
              + MSG,
          "pop(queue_name text, qty integer DEFAULT 1) -> " + MSG,
          "archive(queue_name text, msg_id bigint) -> boolean",
          "archive(queue_name text, msg_ids bigint[]) -> SETOF bigint",
          "delete(queue_name text, msg_id bigint) -> boolean",
          "delete(queue_name text, msg_ids bigint[]) -> SETOF bigint",
          "set_vt(queue_name text, msg_id bigint, vt integer) -> " + MSG,
          "set_vt(queue_name text, msg_id bigint, vt " + TS + ") -> " + MSG,
          "set_vt(queue_name text, msg_ids bigint[], vt integer) -> " + MSG,
          "set_vt(queue_name text, msg_ids bigint[], vt " + TS + ") -> " + MSG,
          "read_grouped(queue_name text, vt integer, qty integer) -> " + MSG,
          "read_grouped_with_poll(" + POLL + ") -> " + MSG,
          "read_grouped_rr(queue_name text, vt integer, qty integer) -> " + MSG,
          "read_grouped_rr_with_poll(" + POLL + ") -> " + MSG,
          "read_grouped_head(queue_name text, vt integer, qty integer) -> " + MSG,
          "read_grouped_head_with_poll(" + POLL + ") -> " + MSG,
          "enable_notify_insert(queue_name text, throttle_interval_ms integer DEFAULT 250) ->"
              + " void",
          "disable_notify_insert(queue_name text) -> void",
          "update_notify_insert(queue_name text, throttle_interval_ms integer) -> void",
          "list_notify_insert_throttles() -> TABLE(queue_name text, throttle_interval_ms"
              + " integer, last_notified_at "
              + TS
              + ")",
          "bind_topic(pattern text, queue_name text) -> void",
          "unbind_topic(pattern text, queue_name text) -> boolean",
          "send_topic(routing_key text, msg jsonb) -> integer",
          "send_topic(routing_key text, msg jsonb, delay integer) -> integer",
          "send_topic(routing_key text, msg jsonb, headers jsonb, delay integer) -> integer",
          "send_batch_topic(routing_key text, msgs jsonb[]) -> " + BATCH_TOPIC,
          "send_batch_topic(routing_key text, msgs jsonb[], headers jsonb[]) -> " + BATCH_TOPIC,
          "send_batch_topic(routing_key text, msgs jsonb[], delay integer) -> " + BATCH_TOPIC,
          "send_batch_topic(routing_key text, msgs jsonb[], delay " + TS + ") -> " + BATCH_TOPIC,
          "send_batch_topic(routing_key text, msgs jsonb[], headers jsonb[], delay integer) -> "
              + BATCH_TOPIC,
          "send_batch_topic(routing_key text, msgs jsonb[], headers jsonb[], delay "
              + TS
              + ") -> "
              + BATCH_TOPIC,
          "list_topic_bindings() -> " + BINDINGS,
          "list_topic_bindings(queue_name text) -> " + BINDINGS,
          "test_routing(routing_key text) -> TABLE(pattern text, queue_name text,"
              + " compiled_regex text)",
          "validate_routing_key(routing_key text) -> boolean",
          "validate_topic_pattern(pattern text) -> boolean",
          "format_table_name(queue_name text, prefix text) -> text",
          "validate_queue_name(queue_name text) -> void",
          "acquire_queue_lock(queue_name text) -> void",
          "_belongs_to_pgmq(table_name text) -> boolean",
          "_create_fifo_index_if_not_exists(queue_name text) -> void",
          "_ensure_pg_partman_installed() -> void",
          "_extension_exists(extension_name text) -> boolean",
          "_get_partition_col(partition_interval text) -> text",
          "_get_pg_partman_major_version() -> integer",
          "_get_pg_partman_schema() -> text",
          "_send_batch(queue_name text, msgs jsonb[], headers jsonb[], delay "
              + TS
              + ") ->"
              + " SETOF bigint",
          "_validate_batch_params(msgs jsonb[], headers jsonb[]) -> void",
          "notify_queue_listeners() -> trigger");

  @Test
  void everyPublicFunctionHasTheExtensionsSignature(TestDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      List<String> installed =
          new Sql(c)
              .column(
                  "select p.proname || '(' || pg_get_function_arguments(p.oid) || ') -> '"
                      + " || pg_get_function_result(p.oid)"
                      + " from pg_proc p join pg_namespace n on n.oid = p.pronamespace"
                      + " where n.nspname = 'pgmq'");
      assertThat(installed).containsAll(PUBLIC_FUNCTIONS);
      // no public function more than the extension's (internal helpers start with "_")
      assertThat(installed.stream().filter(f -> !f.startsWith("_")))
          .containsExactlyInAnyOrderElementsOf(
              PUBLIC_FUNCTIONS.stream().filter(f -> !f.startsWith("_")).toList());
    }
  }

  @Test
  void compositeTypesKeepTheDocumentedFieldOrder(TestDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      Sql sql = new Sql(c);
      String fields =
          "select string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', '"
              + " order by a.attnum) from pg_type t join pg_attribute a on a.attrelid ="
              + " t.typrelid where t.typnamespace = 'pgmq'::regnamespace and t.typname = ?"
              + " and a.attnum > 0";
      assertThat((String) sql.one(fields, "message_record"))
          .isEqualTo(
              "msg_id bigint, read_ct integer, enqueued_at "
                  + TS
                  + ", last_read_at "
                  + TS
                  + ", vt "
                  + TS
                  + ", message jsonb, headers jsonb");
      assertThat((String) sql.one(fields, "queue_record"))
          .isEqualTo(
              "queue_name character varying, is_partitioned boolean, is_unlogged boolean,"
                  + " created_at "
                  + TS);
      assertThat((String) sql.one(fields, "metrics_result"))
          .isEqualTo(
              "queue_name text, queue_length bigint, newest_msg_age_sec integer,"
                  + " oldest_msg_age_sec integer, total_messages bigint, scrape_time "
                  + TS
                  + ", queue_visible_length bigint, default_partition_length bigint");
    }
  }

  @Test
  void catalogTablesHaveTheExtensionsColumnsAndConstraints(TestDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      Sql sql = new Sql(c);
      assertThat(columns(sql, "meta"))
          .isEqualTo(
              "queue_name character varying not null, is_partitioned boolean not null,"
                  + " is_unlogged boolean not null, created_at "
                  + TS
                  + " not null default now()");
      assertThat(columns(sql, "notify_insert_throttle"))
          .isEqualTo(
              "queue_name character varying not null, throttle_interval_ms integer not null"
                  + " default 0, last_notified_at "
                  + TS
                  + " not null default to_timestamp((0)::double precision)");
      assertThat(columns(sql, "topic_bindings"))
          .startsWith(
              "pattern text not null, queue_name text not null, bound_at "
                  + TS
                  + " not null default now(), compiled_regex text");
      assertThat(
              (String)
                  sql.one(
                      "select relpersistence::text from pg_class where oid ="
                          + " 'pgmq.notify_insert_throttle'::regclass"))
          .isEqualTo("u");
      assertThat(
              sql.<String>column(
                  "select conname::text from pg_constraint where connamespace ="
                      + " 'pgmq'::regnamespace order by 1"))
          .contains(
              "meta_queue_name_key",
              "notify_insert_throttle_meta_queue_name_fk",
              "notify_insert_throttle_queue_name_key",
              "topic_bindings_meta_queue_name_fk",
              "topic_bindings_unique_pattern_queue");
      // the extension's own tables, and no other (queue tables are q_* and a_*)
      assertThat(
              sql.<String>column(
                  "select relname::text from pg_class where relnamespace = 'pgmq'::regnamespace"
                      + " and relkind in ('r', 'p', 'v', 'm') and relname !~ '^[qa]_' order by 1"))
          .containsExactly("meta", "notify_insert_throttle", "topic_bindings");
      assertThat(
              sql.<String>column(
                  "select indexname::text from pg_indexes where schemaname = 'pgmq'"))
          .contains("idx_notify_throttle_active", "idx_topic_bindings_covering");
    }
  }

  @Test
  void pgMonitorMaySeeTheSchemaAndItsTables(TestDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      Sql sql = new Sql(c);
      sql.exec("select pgmq.create('monitored')");
      assertThat((Boolean) sql.one("select has_schema_privilege('pg_monitor', 'pgmq', 'USAGE')"))
          .isTrue();
      for (String table : List.of("pgmq.meta", "pgmq.q_monitored", "pgmq.a_monitored")) {
        assertThat(
                (Boolean) sql.one("select has_table_privilege('pg_monitor', ?, 'SELECT')", table))
            .as(table)
            .isTrue();
      }
      assertThat(
              (Boolean)
                  sql.one(
                      "select has_sequence_privilege('pg_monitor', 'pgmq.q_monitored_msg_id_seq',"
                          + " 'SELECT')"))
          .isTrue();
    }
  }

  private static String columns(Sql sql, String table) {
    return sql.one(
        "select string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod)"
            + " || case when a.attnotnull then ' not null' else '' end"
            + " || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), ''), ', '"
            + " order by a.attnum)"
            + " from pg_attribute a left join pg_attrdef d"
            + " on d.adrelid = a.attrelid and d.adnum = a.attnum and a.attgenerated = ''"
            + " where a.attrelid = ('pgmq.' || ?)::regclass and a.attnum > 0 and not"
            + " a.attisdropped",
        table);
  }
}
