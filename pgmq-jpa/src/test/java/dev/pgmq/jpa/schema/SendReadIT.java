package dev.pgmq.jpa.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Send, read, pop, visibility, delete, archive and metrics of the SQL-only install. */
@PgmqDatabaseTest
class SendReadIT {

  private final TestDatabase db;
  private Connection connection;
  private Sql sql;
  private String q;

  SendReadIT(TestDatabase db) {
    this.db = db;
  }

  @BeforeEach
  void queue() throws Exception {
    connection = db.connect();
    sql = new Sql(connection);
    q = db.uniqueName("sr");
    sql.exec("select pgmq.create(?)", q);
  }

  @AfterEach
  void close() throws Exception {
    connection.close();
  }

  @Test
  void everySendShapeStoresMessageHeadersAndVisibility() {
    Instant later = Instant.now().plus(1, ChronoUnit.HOURS);
    Timestamp at = Timestamp.from(later);
    long a = sql.one("select pgmq.send(?, '{\"s\":1}'::jsonb)", q);
    long b = sql.one("select pgmq.send(?, '{\"s\":2}'::jsonb, '{\"h\":2}'::jsonb)", q);
    long c = sql.one("select pgmq.send(?, '{\"s\":3}'::jsonb, 3600)", q);
    long d = sql.one("select pgmq.send(?, '{\"s\":4}'::jsonb, ?::timestamptz)", q, at);
    long e = sql.one("select pgmq.send(?, '{\"s\":5}'::jsonb, '{\"h\":5}'::jsonb, 3600)", q);
    long f =
        sql.one(
            "select pgmq.send(?, '{\"s\":6}'::jsonb, '{\"h\":6}'::jsonb, ?::timestamptz)", q, at);
    assertThat(List.of(a, b, c, d, e, f)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);

    Map<Long, Map<String, Object>> rows =
        byId(
            sql.rows(
                "select msg_id, message::text, headers::text, vt > now() + interval '30 minutes' as"
                    + " delayed, read_ct, last_read_at from pgmq.q_"
                    + q));
    assertThat(rows.get(1L))
        .containsEntry("message", "{\"s\": 1}")
        .containsEntry("headers", null)
        .containsEntry("delayed", false)
        .containsEntry("read_ct", 0)
        .containsEntry("last_read_at", null);
    assertThat(rows.get(2L)).containsEntry("headers", "{\"h\": 2}").containsEntry("delayed", false);
    assertThat(rows.get(3L)).containsEntry("headers", null).containsEntry("delayed", true);
    assertThat(rows.get(4L)).containsEntry("headers", null).containsEntry("delayed", true);
    assertThat(rows.get(5L)).containsEntry("headers", "{\"h\": 5}").containsEntry("delayed", true);
    assertThat(rows.get(6L)).containsEntry("headers", "{\"h\": 6}").containsEntry("delayed", true);
    Instant vt = sql.one("select vt from pgmq.q_" + q + " where msg_id = 4");
    assertThat(vt).isCloseTo(later, within(1, ChronoUnit.MILLIS));
  }

  @Test
  void untypedLiteralsAreAmbiguousAsWithTheExtension() {
    sql.fails("42725", "is not unique", "select pgmq.send(?, '{\"a\":1}', '{\"b\":1}')", q);
  }

  @Test
  void everySendBatchShapeReturnsIdsInArrayOrder() {
    Timestamp at = Timestamp.from(Instant.now().plus(1, ChronoUnit.HOURS));
    String msgs = "array['{\"n\":1}','{\"n\":2}']::jsonb[]";
    String hdrs = "array['{\"h\":1}','{\"h\":2}']::jsonb[]";
    assertThat(sql.<Long>column("select * from pgmq.send_batch(?, " + msgs + ")", q))
        .containsExactly(1L, 2L);
    assertThat(sql.<Long>column("select * from pgmq.send_batch(?, " + msgs + ", " + hdrs + ")", q))
        .containsExactly(3L, 4L);
    assertThat(sql.<Long>column("select * from pgmq.send_batch(?, " + msgs + ", 3600)", q))
        .containsExactly(5L, 6L);
    assertThat(
            sql.<Long>column(
                "select * from pgmq.send_batch(?, " + msgs + ", ?::timestamptz)", q, at))
        .containsExactly(7L, 8L);
    assertThat(
            sql.<Long>column(
                "select * from pgmq.send_batch(?, " + msgs + ", " + hdrs + ", 3600)", q))
        .containsExactly(9L, 10L);
    assertThat(
            sql.<Long>column(
                "select * from pgmq.send_batch(?, " + msgs + ", " + hdrs + ", ?::timestamptz)",
                q,
                at))
        .containsExactly(11L, 12L);

    assertThat(
            sql.<String>column(
                "select message->>'n' || ':' || coalesce(headers->>'h', '-') || ':' || (vt > now() +"
                    + " interval '30 minutes') from pgmq.q_"
                    + q
                    + " order by msg_id"))
        .containsExactly(
            "1:-:false",
            "2:-:false",
            "1:1:false",
            "2:2:false",
            "1:-:true",
            "2:-:true",
            "1:-:true",
            "2:-:true",
            "1:1:true",
            "2:2:true",
            "1:1:true",
            "2:2:true");
  }

  @Test
  void sendBatchRejectsNullOrEmptyMessagesAndMismatchedHeaders() {
    for (String call :
        List.of(
            "select pgmq.send_batch(?, array[]::jsonb[])",
            "select pgmq.send_batch(?, null::jsonb[])",
            "select pgmq.send_batch(?, array[]::jsonb[], 0)",
            "select pgmq.send_batch(?, array[]::jsonb[], now())",
            "select pgmq.send_batch(?, array[]::jsonb[], array[]::jsonb[])",
            "select pgmq.send_batch(?, array[]::jsonb[], array[]::jsonb[], 0)",
            "select pgmq.send_batch(?, array[]::jsonb[], array[]::jsonb[], now())")) {
      sql.fails("P0001", "msgs cannot be NULL or empty", call, q);
    }
    String mismatch = "headers array length (1) must match msgs array length (2)";
    String two = "array['{}','{}']::jsonb[]";
    String one = "array['{}']::jsonb[]";
    sql.fails("P0001", mismatch, "select pgmq.send_batch(?, " + two + ", " + one + ")", q);
    sql.fails("P0001", mismatch, "select pgmq.send_batch(?, " + two + ", " + one + ", 0)", q);
    sql.fails("P0001", mismatch, "select pgmq.send_batch(?, " + two + ", " + one + ", now())", q);
    assertThat((Long) sql.one("select count(*) from pgmq.q_" + q)).isZero();
  }

  @Test
  void readReturnsVisibleMessagesInOrderHidesThemAndCountsReads() {
    sql.exec("select pgmq.send_batch(?, array['{\"n\":1}','{\"n\":2}','{\"n\":3}']::jsonb[])", q);
    List<Map<String, Object>> first = sql.rows("select * from pgmq.read(?, 30, 2)", q);
    assertThat(first).extracting(r -> r.get("msg_id")).containsExactly(1L, 2L);
    assertThat(first.get(0).keySet())
        .containsExactly(
            "msg_id", "read_ct", "enqueued_at", "last_read_at", "vt", "message", "headers");
    assertThat(first)
        .allSatisfy(
            r -> {
              assertThat(r.get("read_ct")).isEqualTo(1);
              assertThat(r.get("last_read_at")).isNotNull();
              assertThat(((Instant) r.get("vt"))).isAfter(Instant.now().plusSeconds(20));
            });
    assertThat(sql.rows("select * from pgmq.read(?, 30, 5)", q))
        .extracting(r -> r.get("msg_id"))
        .containsExactly(3L);
    assertThat(sql.rows("select * from pgmq.read(?, 30, 5)", q)).isEmpty();

    sql.exec("select pgmq.set_vt(?, 1::bigint, 0)", q);
    List<Map<String, Object>> again = sql.rows("select * from pgmq.read(?, 0, 5)", q);
    assertThat(again).extracting(r -> r.get("msg_id")).containsExactly(1L);
    assertThat(again.get(0).get("read_ct")).isEqualTo(2);
  }

  @Test
  void readWithConditionalReturnsOnlyContainingMessages() {
    sql.exec(
        "select pgmq.send_batch(?, array['{\"kind\":\"a\",\"n\":1}','{\"kind\":\"b\",\"n\":2}',"
            + "'{\"kind\":\"a\",\"n\":3}']::jsonb[])",
        q);
    assertThat(
            sql.<Long>column(
                "select msg_id from pgmq.read(?, 30, 10, '{\"kind\":\"a\"}'::jsonb)", q))
        .containsExactly(1L, 3L);
    assertThat(sql.<Long>column("select msg_id from pgmq.read(?, 30, 10, '{}'::jsonb)", q))
        .containsExactly(2L);
  }

  @Test
  void readSkipsRowsLockedByAnotherReader() throws Exception {
    sql.exec("select pgmq.send_batch(?, array['{}','{}']::jsonb[])", q);
    try (Connection other = db.connect()) {
      other.setAutoCommit(false);
      assertThat(new Sql(other).<Long>column("select msg_id from pgmq.read(?, 30, 1)", q))
          .containsExactly(1L);
      assertThat(sql.<Long>column("select msg_id from pgmq.read(?, 30, 5)", q)).containsExactly(2L);
      other.rollback();
    }
    assertThat(sql.<Long>column("select msg_id from pgmq.read(?, 30, 5)", q)).containsExactly(1L);
  }

  @Test
  void readWithPollWaitsForAMessageThatArrives() throws Exception {
    CompletableFuture<List<Long>> reader =
        CompletableFuture.supplyAsync(
            () -> {
              try (Connection c = db.connect()) {
                return new Sql(c)
                    .<Long>column("select msg_id from pgmq.read_with_poll(?, 30, 5, 10, 20)", q);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(300);
    assertThat(reader).isNotDone();
    sql.exec("select pgmq.send(?, '{}'::jsonb)", q);
    assertThat(reader.get(8, TimeUnit.SECONDS)).containsExactly(1L);
  }

  @Test
  void readWithPollGivesUpAfterMaxPollSecondsAndHonoursConditional() {
    sql.exec("select pgmq.send(?, '{\"kind\":\"b\"}'::jsonb)", q);
    long start = System.nanoTime();
    assertThat(
            sql.rows(
                "select * from pgmq.read_with_poll(?, 30, 5, 1, 50, '{\"kind\":\"a\"}'::jsonb)", q))
        .isEmpty();
    Duration waited = Duration.ofNanos(System.nanoTime() - start);
    assertThat(waited).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
    assertThat(sql.<Long>column("select msg_id from pgmq.read_with_poll(?, 30, 5)", q))
        .containsExactly(1L);
  }

  @Test
  void popDeletesAndReturnsVisibleMessagesOneByDefault() {
    sql.exec("select pgmq.send_batch(?, array['{\"n\":1}','{\"n\":2}','{\"n\":3}']::jsonb[])", q);
    sql.exec("select pgmq.set_vt(?, 2::bigint, 3600)", q);
    List<Map<String, Object>> one = sql.rows("select * from pgmq.pop(?)", q);
    assertThat(one).extracting(r -> r.get("msg_id")).containsExactly(1L);
    assertThat(one.get(0).get("read_ct")).isEqualTo(0);
    assertThat(sql.<Long>column("select msg_id from pgmq.pop(?, 10)", q)).containsExactly(3L);
    assertThat(sql.<Long>column("select msg_id from pgmq.q_" + q)).containsExactly(2L);
    assertThat((Long) sql.one("select count(*) from pgmq.a_" + q)).isZero();
  }

  @Test
  void setVtHasSecondsAndTimestampFormsForOneOrManyMessages() {
    sql.exec("select pgmq.send_batch(?, array['{}','{}','{}','{}']::jsonb[])", q);
    Instant at = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
    Timestamp ts = Timestamp.from(at);

    List<Map<String, Object>> r1 = sql.rows("select * from pgmq.set_vt(?, 1::bigint, 600)", q);
    assertThat(r1).hasSize(1);
    assertThat((Instant) r1.get(0).get("vt"))
        .isBetween(Instant.now().plusSeconds(590), Instant.now().plusSeconds(610));
    assertThat(r1.get(0).keySet())
        .containsExactly(
            "msg_id", "read_ct", "enqueued_at", "last_read_at", "vt", "message", "headers");

    List<Map<String, Object>> r2 =
        sql.rows("select * from pgmq.set_vt(?, 2::bigint, ?::timestamptz)", q, ts);
    assertThat((Instant) r2.get(0).get("vt")).isEqualTo(at);

    List<Map<String, Object>> r3 =
        sql.rows("select * from pgmq.set_vt(?, array[3, 4, 99]::bigint[], 600)", q);
    assertThat(r3).extracting(r -> r.get("msg_id")).containsExactly(3L, 4L);

    List<Map<String, Object>> r4 =
        sql.rows("select * from pgmq.set_vt(?, array[1, 3]::bigint[], ?::timestamptz)", q, ts);
    assertThat(r4).extracting(r -> ((Instant) r.get("vt"))).containsExactly(at, at);
    assertThat(sql.rows("select * from pgmq.read(?, 30, 10)", q)).isEmpty();

    sql.exec("select pgmq.set_vt(?, array[1, 2, 3, 4]::bigint[], 0)", q);
    assertThat(sql.rows("select * from pgmq.read(?, 30, 10)", q)).hasSize(4);
    assertThat(sql.rows("select * from pgmq.set_vt(?, 99::bigint, 0)", q)).isEmpty();
  }

  @Test
  void deleteRemovesOneOrManyAndReportsWhatExisted() {
    sql.exec("select pgmq.send_batch(?, array['{}','{}','{}','{}']::jsonb[])", q);
    assertThat((Boolean) sql.one("select pgmq.delete(?, 1::bigint)", q)).isTrue();
    assertThat((Boolean) sql.one("select pgmq.delete(?, 1::bigint)", q)).isFalse();
    assertThat(sql.<Long>column("select * from pgmq.delete(?, array[2, 3, 99]::bigint[])", q))
        .containsExactlyInAnyOrder(2L, 3L);
    assertThat(sql.<Long>column("select msg_id from pgmq.q_" + q)).containsExactly(4L);
    assertThat((Long) sql.one("select count(*) from pgmq.a_" + q)).isZero();
  }

  @Test
  void archiveMovesOneOrManyWithAllColumnsAndReportsWhatExisted() {
    sql.exec(
        "select pgmq.send_batch(?, array['{\"n\":1}','{\"n\":2}','{\"n\":3}']::jsonb[],"
            + " array['{\"h\":1}','{\"h\":2}','{\"h\":3}']::jsonb[])",
        q);
    sql.exec("select pgmq.read(?, 0, 1)", q);
    assertThat((Boolean) sql.one("select pgmq.archive(?, 1::bigint)", q)).isTrue();
    assertThat((Boolean) sql.one("select pgmq.archive(?, 1::bigint)", q)).isFalse();
    assertThat(sql.<Long>column("select * from pgmq.archive(?, array[2, 3, 99]::bigint[])", q))
        .containsExactlyInAnyOrder(2L, 3L);
    assertThat((Long) sql.one("select count(*) from pgmq.q_" + q)).isZero();
    List<Map<String, Object>> archived =
        sql.rows(
            "select msg_id, read_ct, last_read_at is not null as was_read, archived_at is not"
                + " null as stamped, message->>'n' as n, headers->>'h' as h from pgmq.a_"
                + q
                + " order by msg_id");
    assertThat(archived).hasSize(3);
    assertThat(archived.get(0))
        .containsEntry("read_ct", 1)
        .containsEntry("was_read", true)
        .containsEntry("stamped", true)
        .containsEntry("n", "1")
        .containsEntry("h", "1");
    assertThat(archived.get(2)).containsEntry("read_ct", 0).containsEntry("was_read", false);
  }

  @Test
  void metricsReportLengthsAgesTotalAndVisibleLength() throws Exception {
    Map<String, Object> empty = sql.rows("select * from pgmq.metrics(?)", q).get(0);
    assertThat(empty)
        .containsEntry("queue_name", q)
        .containsEntry("queue_length", 0L)
        .containsEntry("newest_msg_age_sec", null)
        .containsEntry("oldest_msg_age_sec", null)
        .containsEntry("total_messages", 0L)
        .containsEntry("queue_visible_length", 0L)
        .containsEntry("default_partition_length", null);

    sql.exec("select pgmq.send_batch(?, array['{}','{}','{}']::jsonb[])", q);
    sql.exec("select pgmq.read(?, 60, 1)", q);
    sql.exec("select pgmq.delete(?, 3::bigint)", q);
    Map<String, Object> m = sql.rows("select * from pgmq.metrics(?)", q).get(0);
    assertThat(m)
        .containsEntry("queue_length", 2L)
        .containsEntry("total_messages", 3L)
        .containsEntry("queue_visible_length", 1L)
        .containsEntry("newest_msg_age_sec", 0)
        .containsEntry("oldest_msg_age_sec", 0)
        .containsEntry("default_partition_length", null);
    assertThat(((Instant) m.get("scrape_time")))
        .isCloseTo(Instant.now(), within(5, ChronoUnit.SECONDS));
    assertThat(m.keySet())
        .containsExactly(
            "queue_name",
            "queue_length",
            "newest_msg_age_sec",
            "oldest_msg_age_sec",
            "total_messages",
            "scrape_time",
            "queue_visible_length",
            "default_partition_length");
  }

  @Test
  void metricsAllReportsEveryQueue() {
    String other = db.uniqueName("sr_other");
    sql.exec("select pgmq.create(?)", other);
    sql.exec("select pgmq.send(?, '{}'::jsonb)", other);
    List<Map<String, Object>> all = sql.rows("select * from pgmq.metrics_all()");
    assertThat(all).extracting(r -> r.get("queue_name")).contains(q, other);
    assertThat(all)
        .filteredOn(r -> other.equals(r.get("queue_name")))
        .singleElement()
        .satisfies(r -> assertThat(r).containsEntry("queue_length", 1L));
  }

  private static Map<Long, Map<String, Object>> byId(List<Map<String, Object>> rows) {
    Map<Long, Map<String, Object>> map = new java.util.HashMap<>();
    rows.forEach(r -> map.put((Long) r.get("msg_id"), r));
    return map;
  }
}
