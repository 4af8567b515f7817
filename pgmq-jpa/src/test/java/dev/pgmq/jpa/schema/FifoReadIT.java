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
 * FIFO grouped reads as the PGMQ 1.13.1 extension does them: group key header {@code x-pgmq-group},
 * groups in the order of their oldest message, a group blocked while that oldest message is
 * invisible or locked by another reader (later invisible messages do not block),
 * oldest-group-first, round-robin and head-only strategies.
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
  void readGroupedFillsTheBatchFromTheOldestGroupFirstAndReturnsRowsByMsgId() {
    // a (1, 3, 6) first, then the oldest message of b (2): rows come back sorted by msg_id
    assertThat(ids("select msg_id from pgmq.read_grouped(?, 30, 4)"))
        .containsExactly(1L, 2L, 3L, 6L);
    // group a is now in flight; b's head (2) too: only the ungrouped message is left
    assertThat(ids("select msg_id from pgmq.read_grouped(?, 30, 10)")).containsExactly(4L);
    assertThat(ids("select msg_id from pgmq.read_grouped(?, 30, 10)")).isEmpty();
  }

  @Test
  void aGroupStaysBlockedWhileItsHeadIsInvisibleAndResumesInOrderWhenItIsDone() {
    assertThat(ids("select msg_id from pgmq.read_grouped(?, 30, 1)")).containsExactly(1L);
    assertThat(ids("select msg_id from pgmq.read_grouped(?, 30, 3)")).containsExactly(2L, 4L, 5L);
    assertThat(ids("select msg_id from pgmq.read_grouped(?, 30, 3)")).isEmpty();
    sql.exec("select pgmq.delete(?, 1::bigint)", q);
    assertThat(ids("select msg_id from pgmq.read_grouped(?, 30, 5)")).containsExactly(3L, 6L);
  }

  @Test
  void anInvisibleMessageAfterTheOldestOfItsGroupIsSkippedWithoutBlockingTheGroup() {
    sql.exec("select pgmq.set_vt(?, 3::bigint, 600)", q);
    assertThat(ids("select msg_id from pgmq.read_grouped(?, 30, 10)"))
        .containsExactly(1L, 2L, 4L, 5L, 6L);
  }

  @Test
  void readGroupedRrSkipsAnInvisibleMessageInsideAGroup() {
    sql.exec("select pgmq.set_vt(?, 3::bigint, 600)", q);
    // round 1: a1, b2, n4; round 2: a6 (a3 is skipped), b5
    assertThat(ids("select msg_id from pgmq.read_grouped_rr(?, 30, 10)"))
        .containsExactly(1L, 2L, 4L, 6L, 5L);
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
  void anOpenReadGroupedHoldsTheOldestMessageOfEveryGroupUntilItEnds() throws Exception {
    try (Connection other = db.connect()) {
      other.setAutoCommit(false);
      assertThat(new Sql(other).<Long>column("select msg_id from pgmq.read_grouped(?, 30, 1)", q))
          .containsExactly(1L);
      // the open transaction locks 1, 2 and 4: no group is served to a concurrent reader
      assertThat(ids("select msg_id from pgmq.read_grouped(?, 30, 10)")).isEmpty();
      assertThat(ids("select msg_id from pgmq.read_grouped_head(?, 30, 10)")).isEmpty();
      other.rollback();
    }
    assertThat(ids("select msg_id from pgmq.read_grouped(?, 30, 10)"))
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
  }

  @Test
  void readGroupedRrServesTheNextMessageOfAGroupWhoseOldestIsLockedElsewhere() throws Exception {
    try (Connection other = db.connect()) {
      other.setAutoCommit(false);
      new Sql(other).rows("select msg_id from pgmq.q_" + q + " where msg_id = 1 for update");
      // round 1: a1 (locked, skipped), b2, n4; round 2: a3, b5; round 3: a6
      assertThat(ids("select msg_id from pgmq.read_grouped_rr(?, 30, 10)"))
          .containsExactly(2L, 4L, 3L, 5L, 6L);
      other.rollback();
    }
  }

  @Test
  void anOpenReadGroupedRrHoldsAnAdvisoryLockOnEveryGroupUntilItEnds() throws Exception {
    try (Connection other = db.connect()) {
      other.setAutoCommit(false);
      assertThat(
              new Sql(other).<Long>column("select msg_id from pgmq.read_grouped_rr(?, 30, 1)", q))
          .containsExactly(1L);
      assertThat(ids("select msg_id from pgmq.read_grouped_rr(?, 30, 10)")).isEmpty();
      // the other strategies take no advisory locks: b and the ungrouped message are served
      assertThat(ids("select msg_id from pgmq.read_grouped_head(?, 30, 10)"))
          .containsExactly(2L, 4L);
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
