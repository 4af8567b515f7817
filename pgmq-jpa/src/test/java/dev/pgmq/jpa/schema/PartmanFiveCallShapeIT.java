package dev.pgmq.jpa.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgmq.jpa.PgmqSchema;
import dev.pgmq.jpa.SchemaMode;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pg_partman 5.x path of {@code create_partitioned}: with pg_extension reporting 5.x, PGMQ
 * calls {@code create_parent} with {@code p_type => 'range'} and the 5.x argument names. Only
 * pg_partman 4.x is installable here, so a scratch database's catalog row is pointed at a schema
 * holding a 5.x-shaped {@code create_parent} that records its calls.
 */
@PgmqDatabaseTest(installPgmq = false)
class PartmanFiveCallShapeIT {

  @Test
  void partmanFiveGetsRangeTypeAndNamedArguments(TestDatabase db) throws Exception {
    db.assumePartman();
    try (ScratchDatabase scratch = ScratchDatabase.create(db);
        Connection c = scratch.connect()) {
      PgmqSchema.ensure(c, SchemaMode.SQL_ONLY);
      PgmqSchema.ensurePartman(c);
      Sql sql = new Sql(c);
      sql.exec("create schema partman5");
      sql.exec(
          "create table partman5.calls (parent text, control text, interval_ text, type_ text,"
              + " premake int)");
      sql.exec(
          "create table partman5.part_config (parent_table text primary key, retention text,"
              + " retention_keep_table boolean, retention_keep_index boolean,"
              + " automatic_maintenance text, infinite_time_partitions boolean)");
      sql.exec(
          "create function partman5.create_parent(p_parent_table text, p_control text,"
              + " p_interval text, p_type text default 'range', p_epoch text default 'none',"
              + " p_premake int default 4, p_start_partition text default null, p_default_table"
              + " boolean default true, p_automatic_maintenance text default 'on',"
              + " p_constraint_cols text[] default null, p_template_table text default null,"
              + " p_jobmon boolean default true, p_date_trunc_interval text default null,"
              + " p_control_not_null boolean default true, p_time_encoder text default null,"
              + " p_time_decoder text default null) returns boolean language sql as $$"
              + " insert into partman5.calls values (p_parent_table, p_control, p_interval,"
              + " p_type, p_premake);"
              + " insert into partman5.part_config (parent_table) values (p_parent_table);"
              + " select true $$");
      sql.exec(
          "update pg_extension set extversion = '5.1.0', extnamespace ="
              + " 'partman5'::regnamespace where extname = 'pg_partman'");

      assertThat((Integer) sql.one("select pgmq._get_pg_partman_major_version()")).isEqualTo(5);
      assertThat((String) sql.one("select pgmq._get_pg_partman_schema()")).isEqualTo("partman5");
      sql.exec("select pgmq.create_partitioned('five', '1000', '5000', 3)");
      // as on the extension, creating it again fails where pg_partman refuses the parent twice
      sql.fails(
          "23505",
          "duplicate key value violates unique constraint",
          "select pgmq.create_partitioned('five', '1000', '5000', 3)");

      List<Map<String, Object>> calls = sql.rows("select * from partman5.calls order by parent");
      assertThat(calls).hasSize(2);
      assertThat(calls.get(0))
          .containsEntry("parent", "pgmq.a_five")
          .containsEntry("control", "msg_id")
          .containsEntry("interval_", "1000")
          .containsEntry("type_", "range")
          .containsEntry("premake", 3);
      assertThat(calls.get(1))
          .containsEntry("parent", "pgmq.q_five")
          .containsEntry("type_", "range");
      assertThat(sql.rows("select * from partman5.part_config"))
          .allSatisfy(
              r ->
                  assertThat(r)
                      .containsEntry("retention", "5000")
                      .containsEntry("retention_keep_table", false)
                      .containsEntry("retention_keep_index", true)
                      .containsEntry("automatic_maintenance", "on"));
      assertThat((Boolean) sql.one("select pgmq.drop_queue('five')")).isTrue();
      assertThat((Long) sql.one("select count(*) from partman5.part_config")).isZero();
    }
  }
}
