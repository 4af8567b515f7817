package dev.pgmq.jpa.internal;

import static dev.pgmq.jpa.internal.Arguments.seconds;
import static dev.pgmq.jpa.internal.QueueNames.check;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqConfig;
import dev.pgmq.jpa.QueueInfo;
import dev.pgmq.jpa.QueueMetrics;
import dev.pgmq.jpa.QueueNotFoundException;
import dev.pgmq.jpa.RoutedMessage;
import dev.pgmq.jpa.TopicBinding;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link Pgmq} on a caller's EntityManager (or, for the URL client, a pooled JDBC connection):
 * every call is one statement inside the caller's active transaction; nothing is committed here.
 * Not thread-safe (as the EntityManager).
 */
public final class EntityManagerPgmq implements Pgmq {

  private static final String EMPTY_FILTER = "{}";

  private final SessionStatements calls;
  private final SessionStatements.RowReader<Message<JsonNode>> raw;
  private final JsonCodec codec;
  private final Sends sends;
  private final Reads reads;

  /** Operations whose statements {@code runner} runs (the URL client: a pooled connection). */
  EntityManagerPgmq(
      StatementRunner runner,
      JsonCodec codec,
      boolean autoCommitted,
      Runnable beforeFirstStatement) {
    this.calls = new SessionStatements(runner, autoCommitted, beforeFirstStatement);
    this.codec = codec;
    this.raw = Rows.messages(codec, JsonCodec.jsonNode());
    this.sends = new Sends(calls, codec);
    this.reads = new Reads(calls, codec);
  }

  /** Operations on {@code em} with {@code config}; cheap, nothing runs yet. */
  public static Pgmq create(EntityManager em, PgmqConfig config) {
    Objects.requireNonNull(em, "entityManager");
    Objects.requireNonNull(config, "config");
    return new EntityManagerPgmq(
        new HibernateSessionRunner(em), JsonCodecs.of(config), false, null);
  }

  /** Operations on {@code em} sharing an existing codec (used by the client). */
  public static Pgmq create(EntityManager em, JsonCodec codec) {
    Objects.requireNonNull(em, "entityManager");
    return new EntityManagerPgmq(new HibernateSessionRunner(em), codec, false, null);
  }

  /**
   * Operations on {@code em} outside any transaction, its connection in auto-commit mode: every
   * operation is one statement (plus idempotent preparations) that commits on its own. For the
   * client's single-operation calls only; {@code beforeFirstStatement} (may be null) runs once,
   * after the arguments were checked, before the first statement.
   */
  static Pgmq autoCommitted(EntityManager em, JsonCodec codec, Runnable beforeFirstStatement) {
    return new EntityManagerPgmq(new HibernateSessionRunner(em), codec, true, beforeFirstStatement);
  }

  // ---------------------------------------------------------------- queues

  @Override
  public void createQueue(String queue) {
    calls.rows("create", null, PgmqSql.CREATE, Rows.RESULT, check(queue));
  }

  @Override
  public void createUnloggedQueue(String queue) {
    calls.rows("create_unlogged", null, PgmqSql.CREATE_UNLOGGED, Rows.RESULT, check(queue));
  }

  @Override
  public void createPartitionedQueue(
      String queue, String partitionInterval, String retentionInterval) {
    check(queue);
    Arguments.partitionIntervals(partitionInterval, retentionInterval);
    Partman.ensure(calls);
    calls.rows(
        "create_partitioned",
        null,
        PgmqSql.CREATE_PARTITIONED,
        Rows.RESULT,
        queue,
        partitionInterval.trim(),
        retentionInterval.trim());
  }

  @Override
  public void validateQueueName(String queue) {
    check(queue);
  }

  @Override
  public boolean dropQueue(String queue) {
    return calls.first("drop_queue", null, PgmqSql.DROP, Rows.RESULT, check(queue));
  }

  @Override
  public List<QueueInfo> listQueues() {
    return calls.rows("list_queues", null, PgmqSql.LIST, Rows.QUEUE);
  }

  @Override
  public long purge(String queue) {
    return calls.first("purge_queue", queue, PgmqSql.PURGE, Rows.COUNT, check(queue));
  }

  @Override
  public QueueMetrics metrics(String queue) {
    List<QueueMetrics> rows =
        calls.rows("metrics", queue, PgmqSql.METRICS, Rows.METRICS, check(queue));
    if (rows.isEmpty()) {
      throw new QueueNotFoundException(queue, null);
    }
    return rows.get(0);
  }

  @Override
  public List<QueueMetrics> metricsAll() {
    return calls.rows("metrics_all", null, PgmqSql.METRICS_ALL, Rows.METRICS);
  }

  // ---------------------------------------------------------------- send

  @Override
  public long send(String queue, Object message) {
    return sends.one(queue, message, null, null);
  }

  @Override
  public long send(String queue, Object message, Duration delay) {
    return sends.one(queue, message, null, seconds(delay, "delay"));
  }

  @Override
  public long send(String queue, Object message, Instant visibleAt) {
    return sends.one(queue, message, null, Objects.requireNonNull(visibleAt, "visibleAt"));
  }

  @Override
  public long send(String queue, Object message, Map<String, ?> headers) {
    return sends.one(queue, message, Objects.requireNonNull(headers, "headers"), null);
  }

  @Override
  public long send(String queue, Object message, Map<String, ?> headers, Duration delay) {
    return sends.one(
        queue, message, Objects.requireNonNull(headers, "headers"), seconds(delay, "delay"));
  }

  @Override
  public long send(String queue, Object message, Map<String, ?> headers, Instant visibleAt) {
    return sends.one(
        queue,
        message,
        Objects.requireNonNull(headers, "headers"),
        Objects.requireNonNull(visibleAt, "visibleAt"));
  }

  @Override
  public List<Long> sendBatch(String queue, List<?> messages) {
    return sends.many(queue, messages, null, null);
  }

  @Override
  public List<Long> sendBatch(String queue, List<?> messages, Duration delay) {
    return sends.many(queue, messages, null, seconds(delay, "delay"));
  }

  @Override
  public List<Long> sendBatch(String queue, List<?> messages, Instant visibleAt) {
    return sends.many(queue, messages, null, Objects.requireNonNull(visibleAt, "visibleAt"));
  }

  @Override
  public List<Long> sendBatch(
      String queue, List<?> messages, List<? extends Map<String, ?>> headers) {
    return sends.many(queue, messages, Objects.requireNonNull(headers, "headers"), null);
  }

  @Override
  public List<Long> sendBatch(
      String queue, List<?> messages, List<? extends Map<String, ?>> headers, Duration delay) {
    return sends.many(
        queue, messages, Objects.requireNonNull(headers, "headers"), seconds(delay, "delay"));
  }

  @Override
  public List<Long> sendBatch(
      String queue, List<?> messages, List<? extends Map<String, ?>> headers, Instant visibleAt) {
    return sends.many(
        queue,
        messages,
        Objects.requireNonNull(headers, "headers"),
        Objects.requireNonNull(visibleAt, "visibleAt"));
  }

  // ---------------------------------------------------------------- read

  @Override
  public Optional<Message<JsonNode>> read(String queue, Duration vt) {
    return first(reads.rows(queue, vt, 1, EMPTY_FILTER, JsonCodec.jsonNode()));
  }

  @Override
  public <T> Optional<Message<T>> read(String queue, Duration vt, Class<T> type) {
    return first(reads.rows(queue, vt, 1, EMPTY_FILTER, codec.type(type)));
  }

  @Override
  public <T> Optional<Message<T>> read(String queue, Duration vt, TypeReference<T> type) {
    return first(reads.rows(queue, vt, 1, EMPTY_FILTER, codec.type(type)));
  }

  @Override
  public <T> List<Message<T>> readBatch(String queue, Duration vt, int qty, TypeReference<T> type) {
    return reads.rows(queue, vt, qty, EMPTY_FILTER, codec.type(type));
  }

  @Override
  public List<Message<JsonNode>> readBatch(String queue, Duration vt, int qty) {
    return reads.rows(queue, vt, qty, EMPTY_FILTER, JsonCodec.jsonNode());
  }

  @Override
  public <T> List<Message<T>> readBatch(String queue, Duration vt, int qty, Class<T> type) {
    return reads.rows(queue, vt, qty, EMPTY_FILTER, codec.type(type));
  }

  @Override
  public <T> List<Message<T>> readBatch(
      String queue, Duration vt, int qty, Object conditional, Class<T> type) {
    return reads.rows(queue, vt, qty, codec.conditional(conditional), codec.type(type));
  }

  @Override
  public List<Message<JsonNode>> readWithPoll(
      String queue, Duration vt, int qty, Duration maxPoll, Duration pollInterval) {
    return reads.poll(queue, vt, qty, maxPoll, pollInterval, EMPTY_FILTER, JsonCodec.jsonNode());
  }

  @Override
  public <T> List<Message<T>> readWithPoll(
      String queue, Duration vt, int qty, Duration maxPoll, Duration pollInterval, Class<T> type) {
    return reads.poll(queue, vt, qty, maxPoll, pollInterval, EMPTY_FILTER, codec.type(type));
  }

  @Override
  public <T> List<Message<T>> readWithPoll(
      String queue,
      Duration vt,
      int qty,
      Duration maxPoll,
      Duration pollInterval,
      TypeReference<T> type) {
    return reads.poll(queue, vt, qty, maxPoll, pollInterval, EMPTY_FILTER, codec.type(type));
  }

  @Override
  public <T> List<Message<T>> readWithPoll(
      String queue,
      Duration vt,
      int qty,
      Duration maxPoll,
      Duration pollInterval,
      Object conditional,
      Class<T> type) {
    return reads.poll(
        queue, vt, qty, maxPoll, pollInterval, codec.conditional(conditional), codec.type(type));
  }

  @Override
  public Optional<Message<JsonNode>> pop(String queue) {
    return first(reads.pop(queue, JsonCodec.jsonNode()));
  }

  @Override
  public <T> Optional<Message<T>> pop(String queue, Class<T> type) {
    return first(reads.pop(queue, codec.type(type)));
  }

  @Override
  public <T> List<Message<T>> pop(String queue, int qty, Class<T> type) {
    return reads.pop(queue, qty, codec.type(type));
  }

  // ---------------------------------------------------------------- grouped (FIFO) reads

  @Override
  public <T> List<Message<T>> readGrouped(String queue, Duration vt, int qty, Class<T> type) {
    return reads.grouped(GroupedRead.OLDEST_FIRST, queue, vt, qty, null, null, type);
  }

  @Override
  public <T> List<Message<T>> readGroupedRoundRobin(
      String queue, Duration vt, int qty, Class<T> type) {
    return reads.grouped(GroupedRead.ROUND_ROBIN, queue, vt, qty, null, null, type);
  }

  @Override
  public <T> List<Message<T>> readGroupedHead(String queue, Duration vt, int qty, Class<T> type) {
    return reads.grouped(GroupedRead.HEAD, queue, vt, qty, null, null, type);
  }

  @Override
  public <T> List<Message<T>> readGroupedWithPoll(
      String queue, Duration vt, int qty, Duration maxPoll, Duration pollInterval, Class<T> type) {
    return reads.grouped(GroupedRead.OLDEST_FIRST, queue, vt, qty, maxPoll, pollInterval, type);
  }

  @Override
  public <T> List<Message<T>> readGroupedRoundRobinWithPoll(
      String queue, Duration vt, int qty, Duration maxPoll, Duration pollInterval, Class<T> type) {
    return reads.grouped(GroupedRead.ROUND_ROBIN, queue, vt, qty, maxPoll, pollInterval, type);
  }

  @Override
  public <T> List<Message<T>> readGroupedHeadWithPoll(
      String queue, Duration vt, int qty, Duration maxPoll, Duration pollInterval, Class<T> type) {
    return reads.grouped(GroupedRead.HEAD, queue, vt, qty, maxPoll, pollInterval, type);
  }

  // ---------------------------------------------------------------- visibility, delete, archive

  @Override
  public Optional<Message<JsonNode>> setVt(String queue, long msgId, Duration vt) {
    check(queue);
    int vtSeconds = seconds(vt, "vt");
    return first(calls.rows("set_vt", queue, PgmqSql.SET_VT, raw, queue, msgId, vtSeconds));
  }

  @Override
  public Optional<Message<JsonNode>> setVt(String queue, long msgId, Instant visibleAt) {
    check(queue);
    String at = bindable(Objects.requireNonNull(visibleAt, "visibleAt")).toString();
    calls.features().require(PgmqFeature.SET_VT_TIMESTAMP, "setVt(queue, msgId, Instant)");
    return first(calls.rows("set_vt", queue, PgmqSql.SET_VT_TS, raw, queue, msgId, at));
  }

  @Override
  public List<Message<JsonNode>> setVt(String queue, List<Long> msgIds, Duration vt) {
    check(queue);
    String ids = Batches.idArray(msgIds);
    int vtSeconds = seconds(vt, "vt");
    calls.features().require(PgmqFeature.SET_VT_BATCH, "setVt(queue, msgIds, Duration)");
    return calls.rows("set_vt", queue, PgmqSql.SET_VT_MANY, raw, queue, ids, vtSeconds);
  }

  @Override
  public List<Message<JsonNode>> setVt(String queue, List<Long> msgIds, Instant visibleAt) {
    check(queue);
    String ids = Batches.idArray(msgIds);
    String at = bindable(Objects.requireNonNull(visibleAt, "visibleAt")).toString();
    calls.features().require(PgmqFeature.SET_VT_BATCH_TIMESTAMP, "setVt(queue, msgIds, Instant)");
    return calls.rows("set_vt", queue, PgmqSql.SET_VT_MANY_TS, raw, queue, ids, at);
  }

  @Override
  public boolean delete(String queue, long msgId) {
    return calls.first("delete", queue, PgmqSql.DELETE, Rows.RESULT, check(queue), msgId);
  }

  @Override
  public List<Long> deleteBatch(String queue, List<Long> msgIds) {
    check(queue);
    String ids = Batches.idArray(msgIds);
    return calls.rows("delete", queue, PgmqSql.DELETE_MANY, Rows.MSG_ID, queue, ids);
  }

  @Override
  public boolean archive(String queue, long msgId) {
    return calls.first("archive", queue, PgmqSql.ARCHIVE, Rows.RESULT, check(queue), msgId);
  }

  @Override
  public List<Long> archiveBatch(String queue, List<Long> msgIds) {
    check(queue);
    String ids = Batches.idArray(msgIds);
    return calls.rows("archive", queue, PgmqSql.ARCHIVE_MANY, Rows.MSG_ID, queue, ids);
  }

  // ---------------------------------------------------------------- topics, notifications

  @Override
  public void bindTopic(String pattern, String queue) {
    topics().bind(pattern, queue);
  }

  @Override
  public boolean unbindTopic(String pattern, String queue) {
    return topics().unbind(pattern, queue);
  }

  @Override
  public int sendTopic(String routingKey, Object message) {
    return topics().send(routingKey, message, null, null);
  }

  @Override
  public int sendTopic(String routingKey, Object message, Map<String, ?> headers, Duration delay) {
    return topics().send(routingKey, message, headers, Objects.requireNonNull(delay, "delay"));
  }

  @Override
  public List<RoutedMessage> sendBatchTopic(String routingKey, List<?> messages) {
    return topics().sendBatch(routingKey, messages, null, null);
  }

  @Override
  public List<RoutedMessage> sendBatchTopic(
      String routingKey, List<?> messages, List<? extends Map<String, ?>> headers, Duration delay) {
    return topics()
        .sendBatch(routingKey, messages, headers, Objects.requireNonNull(delay, "delay"));
  }

  @Override
  public List<TopicBinding> listTopicBindings() {
    return topics().list(null);
  }

  @Override
  public List<TopicBinding> listTopicBindings(String queue) {
    return topics().list(check(queue));
  }

  @Override
  public List<TopicBinding> testRouting(String routingKey) {
    return topics().testRouting(routingKey);
  }

  @Override
  public void enableNotifyInsert(String queue, Duration throttle) {
    check(queue);
    int ms = Arguments.millis(throttle, "throttle", false);
    calls.features().require(PgmqFeature.NOTIFY_INSERT, "enableNotifyInsert");
    calls.rows("enable_notify_insert", queue, PgmqSql.ENABLE_NOTIFY, Rows.RESULT, queue, ms);
  }

  @Override
  public void disableNotifyInsert(String queue) {
    check(queue);
    calls.features().require(PgmqFeature.DISABLE_NOTIFY_INSERT, "disableNotifyInsert");
    calls.rows("disable_notify_insert", queue, PgmqSql.DISABLE_NOTIFY, Rows.RESULT, queue);
  }

  // ---------------------------------------------------------------- helpers

  private Topics topics() {
    return new Topics(calls, codec);
  }

  private static <T> Optional<T> first(List<T> rows) {
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** Delay or time as a bind value: seconds stay Integer, instants become ISO-8601 text. */
  static Object bindable(Object delay) {
    return delay instanceof Instant i ? i.toString() : delay;
  }
}
