package dev.pgmq.jpa.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqSerializationException;
import dev.pgmq.jpa.QueueInfo;
import dev.pgmq.jpa.QueueMetrics;
import dev.pgmq.jpa.QueueNotFoundException;
import dev.pgmq.jpa.ReadOptions;
import dev.pgmq.jpa.SendOptions;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seed's operations: the behaviour every way of running them must show, ported from the seed's
 * documented examples; run once per setup through {@link PgmqContract}'s subclasses.
 */
@PgmqDatabaseTest
abstract class CoreOperationsContract {

  static final Duration VT = Duration.ofSeconds(30);
  static final Duration SHORT = Duration.ofSeconds(1);
  static final Duration AT_MOST = Duration.ofSeconds(10);

  TestDatabase db;

  /** The implementation under test; each call commits on its own. */
  abstract Pgmq pgmq();

  /**
   * The cause a typed exception keeps for a database failure: Hibernate's exception (a {@code
   * RuntimeException}) on the EntityManager paths; the driver's own {@code SQLException} where
   * statements run on plain pooled JDBC (the URL client). Either way the database's error is its
   * root cause.
   */
  Class<? extends Exception> databaseFailureCause() {
    return RuntimeException.class;
  }

  @BeforeEach
  void database(TestDatabase db) {
    this.db = db;
  }

  String newQueue() {
    String queue = db.uniqueName("q");
    pgmq().createQueue(queue);
    return queue;
  }

  // ---------------------------------------------------------------- queues

  @Test
  void createdQueueIsListedWithItsKind() {
    String queue = newQueue();
    String unlogged = db.uniqueName("u");
    pgmq().createUnloggedQueue(unlogged);

    List<QueueInfo> queues = pgmq().listQueues();

    assertThat(queues).extracting(QueueInfo::queueName).contains(queue, unlogged);
    QueueInfo info = queues.stream().filter(q -> q.queueName().equals(unlogged)).findFirst().get();
    assertThat(info.isUnlogged()).isTrue();
    assertThat(info.isPartitioned()).isFalse();
    assertThat(info.createdAt()).isBefore(Instant.now().plusSeconds(60));
  }

  @Test
  void creatingAQueueTwiceIsHarmless() {
    String queue = newQueue();
    pgmq().createQueue(queue);
    assertThat(pgmq().listQueues()).extracting(QueueInfo::queueName).containsOnlyOnce(queue);
  }

  @Test
  void dropQueueReturnsTrueForAQueueAndFalseForAMissingOne() {
    String queue = newQueue();
    assertThat(pgmq().dropQueue(queue)).isTrue();
    assertThat(pgmq().listQueues()).extracting(QueueInfo::queueName).doesNotContain(queue);
    assertThat(pgmq().dropQueue(queue)).isFalse();
    assertThat(pgmq().dropQueue(db.uniqueName("never_created"))).isFalse();
  }

  @Test
  void operationsOnAMissingQueueRaiseQueueNotFound() {
    String missing = db.uniqueName("missing");
    assertThatThrownBy(() -> pgmq().send(missing, Map.of("a", 1)))
        .isInstanceOf(QueueNotFoundException.class)
        .satisfies(e -> assertThat(((QueueNotFoundException) e).queue()).isEqualTo(missing))
        .hasCauseInstanceOf(databaseFailureCause())
        .hasRootCauseInstanceOf(SQLException.class);
    assertThatThrownBy(() -> pgmq().read(missing, VT)).isInstanceOf(QueueNotFoundException.class);
    assertThatThrownBy(() -> pgmq().delete(missing, 1)).isInstanceOf(QueueNotFoundException.class);
    assertThatThrownBy(() -> pgmq().metrics(missing)).isInstanceOf(QueueNotFoundException.class);
    assertThatThrownBy(() -> pgmq().purge(missing)).isInstanceOf(QueueNotFoundException.class);
  }

  @Test
  void invalidArgumentsAreRejectedWithTypedExceptions() {
    String queue = newQueue();
    assertThatThrownBy(() -> pgmq().send("Orders", 1))
        .isInstanceOf(dev.pgmq.jpa.InvalidQueueNameException.class);
    assertThatThrownBy(() -> pgmq().send("a-b", 1))
        .isInstanceOf(dev.pgmq.jpa.InvalidQueueNameException.class);
    assertThatThrownBy(() -> pgmq().createQueue("x".repeat(48)))
        .isInstanceOf(dev.pgmq.jpa.InvalidQueueNameException.class);
    assertThatThrownBy(() -> pgmq().read(queue, Duration.ofMillis(1500)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("vt");
    assertThatThrownBy(() -> pgmq().readBatch(queue, VT, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("qty");
    assertThatThrownBy(() -> pgmq().send(queue, 1, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("delay");
    assertThatThrownBy(() -> pgmq().send(queue, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> pgmq().deleteBatch(queue, Arrays.asList(1L, null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("msgIds");
    assertThatThrownBy(() -> pgmq().sendBatch(queue, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> pgmq().createPartitionedQueue(queue, "10000", "1 day"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same kind");
    assertThat(pgmq().metrics(queue).totalMessages()).isZero();
  }

  // ---------------------------------------------------------------- send and read

  @Test
  void sentMessageIsReadBackWithPayloadHeadersAndCounters() {
    String queue = newQueue();
    Instant before = Instant.now().minusSeconds(5);
    long id =
        pgmq()
            .send(
                queue,
                new OrderPlaced(7, "book"),
                SendOptions.of(Map.of("x-trace", "abc", "n", 3)));

    Message<OrderPlaced> m = pgmq().read(queue, VT, OrderPlaced.class).orElseThrow();

    assertThat(m.msgId()).isEqualTo(id);
    assertThat(m.message()).isEqualTo(new OrderPlaced(7, "book"));
    assertThat(m.header("x-trace")).isEqualTo("abc");
    assertThat(m.headers().get("n").asInt()).isEqualTo(3);
    assertThat(m.readCt()).isEqualTo(1);
    assertThat(m.enqueuedAt()).isAfter(before);
    assertThat(m.lastReadAt()).isNotNull();
    assertThat(m.vt()).isAfter(Instant.now().plusSeconds(20));
  }

  @Test
  void messageWithoutHeadersHasNullHeaders() {
    String queue = newQueue();
    pgmq().send(queue, Map.of("k", "v"));
    Message<JsonNode> m = pgmq().read(queue, VT).orElseThrow();
    assertThat(m.message().get("k").asText()).isEqualTo("v");
    assertThat(m.headers()).isNull();
  }

  @Test
  void emptyQueueReadsEmptyNeverNull() {
    String queue = newQueue();
    assertThat(pgmq().read(queue, VT)).isEmpty();
    assertThat(pgmq().readBatch(queue, VT, 5)).isEmpty();
    assertThat(pgmq().pop(queue)).isEmpty();
  }

  @Test
  void genericPayloadsReadThroughTypeReference() {
    String queue = newQueue();
    pgmq().send(queue, List.of(new OrderPlaced(1, "a"), new OrderPlaced(2, "b")));
    Optional<Message<List<OrderPlaced>>> m =
        pgmq().read(queue, VT, new TypeReference<List<OrderPlaced>>() {});
    assertThat(m.orElseThrow().message())
        .containsExactly(new OrderPlaced(1, "a"), new OrderPlaced(2, "b"));
  }

  @Test
  void payloadThatCannotBeReadAsTheTypeRaisesSerializationError() {
    String queue = newQueue();
    pgmq().send(queue, "just a string");
    assertThatThrownBy(() -> pgmq().read(queue, VT, OrderPlaced.class))
        .isInstanceOf(PgmqSerializationException.class)
        .hasCauseInstanceOf(Exception.class);
  }

  @Test
  void payloadThatCannotBeWrittenRaisesSerializationError() {
    String queue = newQueue();
    assertThatThrownBy(() -> pgmq().send(queue, new Object()))
        .isInstanceOf(PgmqSerializationException.class);
    assertThat(pgmq().metrics(queue).totalMessages()).isZero();
  }

  @Test
  void sendBatchReturnsIdsInOrderAndKeepsPerMessageHeaders() {
    String queue = newQueue();
    Map<String, Object> h = new HashMap<>();
    h.put("g", "one");
    List<Map<String, Object>> headers = Arrays.asList(h, null, Map.of("g", "three"));
    List<Long> ids =
        pgmq()
            .sendBatch(
                queue,
                List.of(Map.of("i", 1), Map.of("i", 2), Map.of("i", 3)),
                headers,
                SendOptions.NONE);

    assertThat(ids).hasSize(3).isSorted().doesNotHaveDuplicates();
    List<Message<JsonNode>> read = pgmq().readBatch(queue, VT, 10);
    assertThat(read).extracting(Message::msgId).containsExactlyElementsOf(ids);
    assertThat(read).extracting(m -> m.message().get("i").asInt()).containsExactly(1, 2, 3);
    assertThat(read.get(0).header("g")).isEqualTo("one");
    assertThat(read.get(1).headers()).isNull();
    assertThat(read.get(2).header("g")).isEqualTo("three");
  }

  @Test
  void everySendShapeDeliversPayloadAndHeaders() {
    String queue = newQueue();
    Instant past = Instant.now().minusSeconds(5);
    Map<String, Object> h = Map.of("h", "x");
    List<Long> ids = new java.util.ArrayList<>();
    ids.add(pgmq().send(queue, 1, Duration.ZERO));
    ids.add(pgmq().send(queue, 2, SendOptions.at(past)));
    ids.add(pgmq().send(queue, 3, SendOptions.of(h).withDelay(Duration.ZERO)));
    ids.add(pgmq().send(queue, 4, SendOptions.of(h).withVisibleAt(past)));
    ids.addAll(pgmq().sendBatch(queue, List.of(5), List.of(h), SendOptions.after(Duration.ZERO)));
    ids.addAll(pgmq().sendBatch(queue, List.of(6), List.of(h), SendOptions.at(past)));

    List<Message<Integer>> read = pgmq().readBatch(queue, VT, 10, Integer.class);

    assertThat(read).extracting(Message::msgId).containsExactlyElementsOf(ids);
    assertThat(read).extracting(Message::message).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(read).extracting(m -> m.header("h")).containsExactly(null, null, "x", "x", "x", "x");
  }

  @Test
  void readBatchReadsAtMostQtyOldestFirst() {
    String queue = newQueue();
    List<Long> ids = pgmq().sendBatch(queue, List.of(1, 2, 3, 4, 5));
    List<Message<Integer>> first = pgmq().readBatch(queue, VT, 3, Integer.class);
    assertThat(first).extracting(Message::msgId).containsExactlyElementsOf(ids.subList(0, 3));
    assertThat(first).extracting(Message::message).containsExactly(1, 2, 3);
    assertThat(pgmq().readBatch(queue, VT, 3, Integer.class))
        .extracting(Message::message)
        .containsExactly(4, 5);
  }

  @Test
  void conditionalReadReturnsOnlyMessagesContainingTheFilter() {
    String queue = newQueue();
    pgmq().send(queue, Map.of("type", "a", "n", 1));
    long b = pgmq().send(queue, Map.of("type", "b", "n", 2));
    pgmq().send(queue, Map.of("type", "a", "n", 3));

    List<Message<JsonNode>> onlyB =
        pgmq()
            .readBatch(
                queue, ReadOptions.of(VT, 10).withFilter(Map.of("type", "b")), JsonNode.class);

    assertThat(onlyB).extracting(Message::msgId).containsExactly(b);
    assertThat(pgmq().readBatch(queue, VT, 10)).hasSize(2);
  }

  // ---------------------------------------------------------------- time

  @Test
  void delayMakesAMessageInvisibleUntilItElapses() {
    String queue = newQueue();
    long id = pgmq().send(queue, Map.of("k", 1), Duration.ofSeconds(2));
    assertThat(pgmq().read(queue, VT)).isEmpty();
    await()
        .atMost(AT_MOST)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> pgmq().read(queue, VT).map(Message::msgId).orElse(-1L) == id);
  }

  @Test
  void visibleAtMakesAMessageInvisibleUntilThatInstant() {
    String queue = newQueue();
    Instant at = Instant.now().plusSeconds(2);
    pgmq().send(queue, Map.of("k", 1), SendOptions.of(Map.of("h", 1)).withVisibleAt(at));
    pgmq().sendBatch(queue, List.of(1, 2), SendOptions.at(at));
    assertThat(pgmq().readBatch(queue, VT, 10)).isEmpty();
    await().atMost(AT_MOST).until(() -> pgmq().readBatch(queue, VT, 10).size() == 3);
    assertThat(Instant.now()).isAfterOrEqualTo(at.minusMillis(500));
  }

  @Test
  void batchDelayHidesEveryMessage() {
    String queue = newQueue();
    pgmq().sendBatch(queue, List.of(1, 2), Duration.ofSeconds(1));
    assertThat(pgmq().readBatch(queue, VT, 10)).isEmpty();
    await().atMost(AT_MOST).until(() -> pgmq().readBatch(queue, VT, 10).size() == 2);
  }

  @Test
  void vtHidesAReadMessageUntilItExpires() {
    String queue = newQueue();
    long id = pgmq().send(queue, Map.of("k", 1));
    assertThat(pgmq().read(queue, SHORT)).isPresent();
    assertThat(pgmq().read(queue, SHORT)).isEmpty();
    Message<JsonNode> again =
        await().atMost(AT_MOST).until(() -> pgmq().read(queue, VT).orElse(null), m -> m != null);
    assertThat(again.msgId()).isEqualTo(id);
    assertThat(again.readCt()).isEqualTo(2);
  }

  @Test
  void setVtZeroMakesAReadMessageVisibleAtOnce() {
    String queue = newQueue();
    long id = pgmq().send(queue, Map.of("k", 1));
    pgmq().read(queue, VT).orElseThrow();
    assertThat(pgmq().read(queue, VT)).isEmpty();

    Message<JsonNode> updated = pgmq().setVt(queue, id, Duration.ZERO).orElseThrow();

    assertThat(updated.msgId()).isEqualTo(id);
    assertThat(pgmq().read(queue, VT)).map(Message::msgId).contains(id);
  }

  @Test
  void setVtHidesAVisibleMessage() {
    String queue = newQueue();
    long id = pgmq().send(queue, Map.of("k", 1));
    Message<JsonNode> updated = pgmq().setVt(queue, id, Duration.ofSeconds(60)).orElseThrow();
    assertThat(updated.vt()).isAfter(Instant.now().plusSeconds(50));
    assertThat(pgmq().read(queue, VT)).isEmpty();
    assertThat(pgmq().setVt(queue, id + 1000, Duration.ZERO)).isEmpty();
  }

  @Test
  void setVtOfManyIdsAndToAnInstantUpdatesOnlyExistingMessages() {
    String queue = newQueue();
    List<Long> ids = pgmq().sendBatch(queue, List.of(1, 2, 3));
    List<Long> withMissing = List.of(ids.get(0), ids.get(1), ids.get(2) + 100);

    List<Message<JsonNode>> hidden = pgmq().setVt(queue, withMissing, Duration.ofSeconds(60));
    assertThat(hidden).extracting(Message::msgId).containsExactlyInAnyOrder(ids.get(0), ids.get(1));
    assertThat(pgmq().readBatch(queue, VT, 10))
        .extracting(Message::msgId)
        .containsExactly(ids.get(2));

    Instant soon = Instant.now().minusSeconds(1);
    List<Message<JsonNode>> shown = pgmq().setVt(queue, ids.subList(0, 2), soon);
    assertThat(shown).hasSize(2);
    assertThat(pgmq().setVt(queue, ids.get(0), Instant.now().plusSeconds(120))).isPresent();
    assertThat(pgmq().readBatch(queue, VT, 10))
        .extracting(Message::msgId)
        .containsExactly(ids.get(1));
  }

  @Test
  void readWithPollWaitsUpToMaxPollWhenEmpty() {
    String queue = newQueue();
    long start = System.nanoTime();
    List<Message<JsonNode>> got =
        pgmq().readWithPoll(queue, VT, 1, Duration.ofSeconds(1), Duration.ofMillis(50));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    assertThat(got).isEmpty();
    assertThat(elapsed).isBetween(Duration.ofMillis(900), Duration.ofSeconds(6));
  }

  @Test
  void readWithPollReturnsEarlyWhenAMessageArrives() {
    String queue = newQueue();
    long id = pgmq().send(queue, new OrderPlaced(5, "pen"), Duration.ofSeconds(1));
    long start = System.nanoTime();
    List<Message<OrderPlaced>> got =
        pgmq()
            .readWithPoll(
                queue, VT, 5, Duration.ofSeconds(8), Duration.ofMillis(50), OrderPlaced.class);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    assertThat(got).extracting(Message::msgId).containsExactly(id);
    assertThat(elapsed).isLessThan(Duration.ofSeconds(6));
  }

  @Test
  void readWithPollCanFilterAndReadGenericTypes() {
    String queue = newQueue();
    pgmq().send(queue, Map.of("t", "x"));
    long wanted = pgmq().send(queue, Map.of("t", "y"));
    List<Message<Map<String, String>>> got =
        pgmq()
            .readWithPoll(
                queue,
                VT,
                5,
                Duration.ofSeconds(1),
                Duration.ofMillis(50),
                new TypeReference<Map<String, String>>() {});
    assertThat(got).hasSize(2);
    pgmq().setVt(queue, got.stream().map(Message::msgId).toList(), Duration.ZERO);
    List<Message<JsonNode>> filtered =
        pgmq()
            .readBatch(
                queue,
                ReadOptions.of(VT, 5)
                    .withPoll(Duration.ofSeconds(1), Duration.ofMillis(50))
                    .withFilter(Map.of("t", "y")),
                JsonNode.class);
    assertThat(filtered).extracting(Message::msgId).containsExactly(wanted);
  }

  // ---------------------------------------------------------------- delete, archive, pop, purge

  @Test
  void deleteTwiceReturnsTrueThenFalse() {
    String queue = newQueue();
    long id = pgmq().send(queue, Map.of("k", 1));
    assertThat(pgmq().delete(queue, id)).isTrue();
    assertThat(pgmq().delete(queue, id)).isFalse();
  }

  @Test
  void deleteBatchReturnsExactlyTheIdsDeleted() {
    String queue = newQueue();
    List<Long> ids = pgmq().sendBatch(queue, List.of(1, 2, 3));
    assertThat(pgmq().deleteBatch(queue, List.of(ids.get(0), ids.get(2), 999_999L)))
        .containsExactlyInAnyOrder(ids.get(0), ids.get(2));
    assertThat(pgmq().deleteBatch(queue, ids)).containsExactly(ids.get(1));
    assertThat(pgmq().deleteBatch(queue, List.of())).isEmpty();
  }

  @Test
  void archiveMovesTheRowToTheArchiveTable() throws SQLException {
    String queue = newQueue();
    long id = pgmq().send(queue, Map.of("k", 1), SendOptions.of(Map.of("h", "v")));
    assertThat(pgmq().archive(queue, id)).isTrue();
    assertThat(pgmq().archive(queue, id)).isFalse();
    assertThat(pgmq().read(queue, VT)).isEmpty();
    assertThat(count("select count(*) from pgmq.a_" + queue + " where msg_id = " + id)).isOne();
    assertThat(count("select count(*) from pgmq.q_" + queue)).isZero();
  }

  @Test
  void archiveBatchReturnsExactlyTheIdsArchived() throws SQLException {
    String queue = newQueue();
    List<Long> ids = pgmq().sendBatch(queue, List.of(1, 2, 3));
    assertThat(pgmq().archiveBatch(queue, List.of(ids.get(1), 424_242L)))
        .containsExactly(ids.get(1));
    assertThat(pgmq().archiveBatch(queue, ids)).containsExactlyInAnyOrder(ids.get(0), ids.get(2));
    assertThat(count("select count(*) from pgmq.a_" + queue)).isEqualTo(3);
  }

  @Test
  void popReadsAndDeletes() {
    String queue = newQueue();
    List<Long> ids =
        pgmq()
            .sendBatch(
                queue,
                List.of(new OrderPlaced(1, "a"), new OrderPlaced(2, "b"), new OrderPlaced(3, "c")));
    assertThat(pgmq().pop(queue, OrderPlaced.class).orElseThrow().msgId()).isEqualTo(ids.get(0));
    List<Message<OrderPlaced>> two = pgmq().pop(queue, 5, OrderPlaced.class);
    assertThat(two).extracting(Message::msgId).containsExactly(ids.get(1), ids.get(2));
    assertThat(pgmq().pop(queue)).isEmpty();
    assertThat(pgmq().metrics(queue).queueLength()).isZero();
  }

  @Test
  void purgeReturnsTheCountAndLeavesTheArchive() throws SQLException {
    String queue = newQueue();
    List<Long> ids = pgmq().sendBatch(queue, List.of(1, 2, 3));
    pgmq().archive(queue, ids.get(0));
    assertThat(pgmq().purge(queue)).isEqualTo(2);
    assertThat(pgmq().read(queue, VT)).isEmpty();
    assertThat(count("select count(*) from pgmq.a_" + queue)).isOne();
    assertThat(pgmq().purge(queue)).isZero();
  }

  // ---------------------------------------------------------------- metrics

  @Test
  void metricsCountSentVisibleAndTotalMessages() {
    String queue = newQueue();
    pgmq().sendBatch(queue, List.of(1, 2, 3));
    pgmq().read(queue, VT);
    long deleted = pgmq().send(queue, 4);
    pgmq().delete(queue, deleted);

    QueueMetrics m = pgmq().metrics(queue);

    assertThat(m.queueName()).isEqualTo(queue);
    assertThat(m.queueLength()).isEqualTo(3);
    assertThat(m.queueVisibleLength()).isEqualTo(2);
    assertThat(m.totalMessages()).isEqualTo(4);
    assertThat(m.oldestMsgAgeSec()).isNotNull().isGreaterThanOrEqualTo(0);
    assertThat(m.newestMsgAgeSec()).isNotNull().isGreaterThanOrEqualTo(0);
    assertThat(m.scrapeTime())
        .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(60));
    assertThat(m.defaultPartitionLength()).isNull();
  }

  @Test
  void metricsOfAnEmptyQueueHaveNoAges() {
    String queue = newQueue();
    QueueMetrics m = pgmq().metrics(queue);
    assertThat(m.queueLength()).isZero();
    assertThat(m.newestMsgAgeSec()).isNull();
    assertThat(m.oldestMsgAgeSec()).isNull();
  }

  @Test
  void metricsAllCoversEveryQueue() {
    String a = newQueue();
    String b = newQueue();
    pgmq().send(a, 1);
    List<QueueMetrics> all = pgmq().metricsAll();
    assertThat(all)
        .extracting(QueueMetrics::queueName)
        .containsAll(pgmq().listQueues().stream().map(QueueInfo::queueName).toList())
        .contains(a, b);
    assertThat(all.stream().filter(m -> m.queueName().equals(a)).findFirst().get().queueLength())
        .isOne();
  }

  int count(String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
