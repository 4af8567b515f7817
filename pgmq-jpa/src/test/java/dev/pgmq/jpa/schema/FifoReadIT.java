package dev.pgmq.jpa.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FIFO grouped reads: group key header {@code x-pgmq-group}, a group blocked while its head is
 * invisible, oldest-group-first, round-robin and head-only strategies.
 */
@PgmqDatabaseTest
class FifoReadIT {

  private final TestDatabase db;
  private Connection connection;
  private Sql sql;
  private String q;

  FifoReadIT(TestDatabase db) {
    this.db = db;
  }

  @BeforeEach
  void queueWithThreeGroups() throws Exception {
    connection = db.connect();
    sql = new Sql(connection);
    q = db.uniqueName("fifo");
    sql.exec("select pgmq.create(?)", q);
    // ids: 1 a1, 2 b1, 3 a2, 4 (no group) n1, 5 b2, 6 a3
    send("a", 1);
    send("b", 1);
    send("a", 2);
    send(null, 1);
    send("b", 2);
    send("a", 3);
  }

  @AfterEach
  void close() throws Exception {
    connection.close();
  }

  @Test
  void readGroupedFillsTheBatchFromTheOldestGroupFirst() {
    assertThat(ids("select msg_id from pgmq.read_grouped(?, 30, 4)"))
        .containsExactly(1L, 3L, 6L, 2L);
    // group a is now in flight; b's head (2) too: only the ungrouped message is left
    assertThat(ids("select msg_id from pgmq.read_grouped(?, 30, 10)")).containsExactly(4L);
    assertThat(ids("select msg_id from pgmq.read_grouped(?, 30, 10)")).isEmpty();
  }

  @Test
  void aGroupStaysBlockedWhileItsHeadIsInvisibleAndResumesInOrderWhenItIsDone() {
    assertThat(ids("select msg_id from pgmq.read_grouped(?, 30, 1)")).containsExactly(1L);
    assertThat(ids("select msg_id from pgmq.read_grouped(?, 30, 3)")).containsExactly(2L, 5L, 4L);
    assertThat(ids("select msg_id from pgmq.read_grouped(?, 30, 3)")).isEmpty();
    sql.exec("select pgmq.delete(?, 1::bigint)", q);
    assertThat(ids("select msg_id from pgmq.read_grouped(?, 30, 5)")).containsExactly(3L, 6L);
  }

  @Test
  void anInvisibleMessageInsideAGroupStopsThatGroupThere() {
    sql.exec("select pgmq.set_vt(?, 3::bigint, 600)", q);
    assertThat(ids("select msg_id from pgmq.read_grouped(?, 30, 10)"))
        .containsExactly(1L, 2L, 5L, 4L);
  }

  @Test
  void readGroupedRrTakesOneMessagePerGroupPerRound() {
    assertThat(ids("select msg_id from pgmq.read_grouped_rr(?, 30, 10)"))
        .containsExactly(1L, 2L, 4L, 3L, 5L, 6L);
  }

  @Test
  void readGroupedRrWithASmallBatchServesEveryGroupBeforeRepeatingOne() {
    assertThat(ids("select msg_id from pgmq.read_grouped_rr(?, 30, 3)"))
        .containsExactly(1L, 2L, 4L);
  }

  @Test
  void readGroupedHeadReturnsAtMostTheHeadOfEachGroup() {
    assertThat(ids("select msg_id from pgmq.read_grouped_head(?, 30, 10)"))
        .containsExactly(1L, 2L, 4L);
    assertThat(ids("select msg_id from pgmq.read_grouped_head(?, 30, 10)")).isEmpty();
    // finishing the heads unblocks their groups; the ungrouped message 4 is still in flight
    sql.exec("select pgmq.archive(?, array[1, 2]::bigint[])", q);
    assertThat(ids("select msg_id from pgmq.read_grouped_head(?, 30, 10)")).containsExactly(3L, 5L);
  }

  @Test
  void groupedReadsIncrementReadCountAndHideMessages() {
    assertThat(sql.<Integer>column("select read_ct from pgmq.read_grouped(?, 30, 1)", q))
        .containsExactly(1);
    assertThat(
            sql.<Integer>column(
                "select read_ct from pgmq.q_" + q + " where msg_id = 1 and vt > now()"))
        .containsExactly(1);
  }

  @Test
  void aConcurrentReaderNeverGetsMessagesBehindALockedHead() throws Exception {
    try (Connection other = db.connect()) {
      other.setAutoCommit(false);
      assertThat(new Sql(other).<Long>column("select msg_id from pgmq.read_grouped(?, 30, 1)", q))
          .containsExactly(1L);
      // 1 is locked by the open transaction: group a must not be served out of order
      assertThat(ids("select msg_id from pgmq.read_grouped(?, 30, 10)"))
          .doesNotContain(3L, 6L)
          .contains(2L, 5L, 4L);
      other.rollback();
    }
  }

  @Test
  void withPollFormsWaitForTheNextEligibleMessage() throws Exception {
    for (String fn : List.of("read_grouped", "read_grouped_rr", "read_grouped_head")) {
      sql.exec("select pgmq.purge_queue(?)", q);
      CompletableFuture<List<Long>> reader =
          CompletableFuture.supplyAsync(
              () -> {
                try (Connection c = db.connect()) {
                  return new Sql(c)
                      .<Long>column(
                          "select msg_id from pgmq." + fn + "_with_poll(?, 30, 5, 10, 20)", q);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      Thread.sleep(200);
      assertThat(reader).as(fn).isNotDone();
      long id = send("z", 1);
      assertThat(reader.get(8, TimeUnit.SECONDS)).as(fn).containsExactly(id);
    }
  }

  @Test
  void withPollFormsGiveUpAfterMaxPollSeconds() {
    sql.exec("select pgmq.purge_queue(?)", q);
    for (String fn : List.of("read_grouped", "read_grouped_rr", "read_grouped_head")) {
      long start = System.nanoTime();
      assertThat(sql.rows("select * from pgmq." + fn + "_with_poll(?, 30, 5, 1, 50)", q)).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as(fn)
          .isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
    }
  }

  @Test
  void fifoIndexesAreGinIndexesOnHeadersForOneOrAllQueues() {
    sql.exec("select pgmq.create_fifo_index(?)", q);
    sql.exec("select pgmq.create_fifo_index(?)", q);
    assertThat(
            (String)
                sql.one(
                    "select indexdef from pg_indexes where schemaname = 'pgmq' and indexname = ?",
                    "q_" + q + "_fifo_idx"))
        .contains("USING gin (headers)");
    String other = db.uniqueName("fifo_other");
    sql.exec("select pgmq.create(?)", other);
    sql.exec("select pgmq.create_fifo_indexes_all()");
    assertThat(
            (Long)
                sql.one(
                    "select count(*) from pg_indexes where schemaname = 'pgmq' and indexname = ?",
                    "q_" + other + "_fifo_idx"))
        .isEqualTo(1L);
  }

  private long send(String group, int n) {
    String headers = group == null ? null : "{\"x-pgmq-group\":\"" + group + "\"}";
    return sql.one(
        "select pgmq.send(?, jsonb_build_object('g', ?::text, 'n', ?::int), ?::jsonb)",
        q,
        group,
        n,
        headers);
  }

  private List<Long> ids(String query) {
    return sql.column(query, q);
  }
}
