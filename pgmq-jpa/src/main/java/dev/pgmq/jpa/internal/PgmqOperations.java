package dev.pgmq.jpa.internal;

import static dev.pgmq.jpa.internal.Arguments.seconds;
import static dev.pgmq.jpa.spi.QueueNames.check;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.PgmqQueue;
import dev.pgmq.jpa.ReadOptions;
import dev.pgmq.jpa.SendOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one implementation of every {@link dev.pgmq.jpa.Pgmq} operation: arguments are checked and
 * payloads encoded first, then the statement runs through {@link #call} (where depends on the
 * subclass: {@link SessionPgmq} in the caller's transaction, {@link DefaultPgmqClient} in one of
 * its own). This half holds the messages; {@link AdminOperations} the queues, topics and
 * notifications.
 */
public abstract class PgmqOperations extends AdminOperations {

  final SessionStatements.RowReader<Message<JsonNode>> raw;

  PgmqOperations(JsonCodec codec) {
    super(codec);
    this.raw = Rows.messages(codec, JsonCodec.jsonNode());
  }

  @Override
  public <T> PgmqQueue<T> queue(String queue, Class<T> type) {
    return new TypedQueue<>(this, check(queue), codec.type(Objects.requireNonNull(type, "type")));
  }

  @Override
  public <T> PgmqQueue<T> queue(String queue, TypeReference<T> type) {
    return new TypedQueue<>(this, check(queue), codec.type(Objects.requireNonNull(type, "type")));
  }

  // ---------------------------------------------------------------- send

  @Override
  public long send(String queue, Object message) {
    return send(queue, message, SendOptions.NONE);
  }

  @Override
  public long send(String queue, Object message, Duration delay) {
    return send(queue, message, SendOptions.after(delay));
  }

  @Override
  public long send(String queue, Object message, SendOptions options) {
    return call(Calls.send(queue, Sends.one(codec, queue, message, options)));
  }

  @Override
  public List<Long> sendBatch(String queue, List<?> messages) {
    return sendBatch(queue, messages, null, SendOptions.NONE);
  }

  @Override
  public List<Long> sendBatch(String queue, List<?> messages, Duration delay) {
    return sendBatch(queue, messages, null, SendOptions.after(delay));
  }

  @Override
  public List<Long> sendBatch(String queue, List<?> messages, SendOptions options) {
    check(queue);
    return call(Calls.sendBatch(queue, Sends.batch(codec, queue, messages, options, false)));
  }

  @Override
  public List<Long> sendBatch(
      String queue, List<?> messages, List<? extends Map<String, ?>> headers, SendOptions options) {
    check(queue);
    return call(
        Calls.sendBatch(queue, Sends.batch(codec, queue, messages, headers, options, false)));
  }

  // ---------------------------------------------------------------- read

  @Override
  public Optional<Message<JsonNode>> read(String queue, Duration vt) {
    return first(fetch(queue, Reads.read(queue, vt, 1), JsonCodec.jsonNode()));
  }

  @Override
  public <T> Optional<Message<T>> read(String queue, Duration vt, Class<T> type) {
    return first(fetch(queue, Reads.read(queue, vt, 1), codec.type(type)));
  }

  @Override
  public <T> Optional<Message<T>> read(String queue, Duration vt, TypeReference<T> type) {
    return first(fetch(queue, Reads.read(queue, vt, 1), codec.type(type)));
  }

  @Override
  public List<Message<JsonNode>> readBatch(String queue, Duration vt, int qty) {
    return fetch(queue, Reads.read(queue, vt, qty), JsonCodec.jsonNode());
  }

  @Override
  public <T> List<Message<T>> readBatch(String queue, Duration vt, int qty, Class<T> type) {
    return fetch(queue, Reads.read(queue, vt, qty), codec.type(type));
  }

  @Override
  public <T> List<Message<T>> readBatch(String queue, Duration vt, int qty, TypeReference<T> type) {
    return fetch(queue, Reads.read(queue, vt, qty), codec.type(type));
  }

  @Override
  public <T> List<Message<T>> readBatch(String queue, ReadOptions options, Class<T> type) {
    return fetch(queue, Reads.of(queue, options, codec), codec.type(type));
  }

  @Override
  public <T> List<Message<T>> readBatch(String queue, ReadOptions options, TypeReference<T> type) {
    return fetch(queue, Reads.of(queue, options, codec), codec.type(type));
  }

  @Override
  public List<Message<JsonNode>> readWithPoll(
      String queue, Duration vt, int qty, Duration maxPoll, Duration pollInterval) {
    return fetch(queue, Reads.poll(queue, vt, qty, maxPoll, pollInterval), JsonCodec.jsonNode());
  }

  @Override
  public <T> List<Message<T>> readWithPoll(
      String queue, Duration vt, int qty, Duration maxPoll, Duration pollInterval, Class<T> type) {
    return fetch(queue, Reads.poll(queue, vt, qty, maxPoll, pollInterval), codec.type(type));
  }

  @Override
  public <T> List<Message<T>> readWithPoll(
      String queue,
      Duration vt,
      int qty,
      Duration maxPoll,
      Duration pollInterval,
      TypeReference<T> type) {
    return fetch(queue, Reads.poll(queue, vt, qty, maxPoll, pollInterval), codec.type(type));
  }

  @Override
  public Optional<Message<JsonNode>> pop(String queue) {
    return first(fetch(queue, Reads.pop(queue), JsonCodec.jsonNode()));
  }

  @Override
  public <T> Optional<Message<T>> pop(String queue, Class<T> type) {
    return first(fetch(queue, Reads.pop(queue), codec.type(type)));
  }

  @Override
  public <T> Optional<Message<T>> pop(String queue, TypeReference<T> type) {
    return first(fetch(queue, Reads.pop(queue), codec.type(type)));
  }

  @Override
  public <T> List<Message<T>> pop(String queue, int qty, Class<T> type) {
    return fetch(queue, Reads.pop(queue, qty), codec.type(type));
  }

  @Override
  public <T> List<Message<T>> pop(String queue, int qty, TypeReference<T> type) {
    return fetch(queue, Reads.pop(queue, qty), codec.type(type));
  }

  /** Runs a prepared read, decoding each payload once, straight to {@code type}. */
  <T> List<Message<T>> fetch(String queue, Reads read, JavaType type) {
    SessionStatements.RowReader<Message<T>> reader = Rows.messages(codec, type);
    return call(
        c -> {
          if (read.feature() != null) {
            c.features().require(read.feature(), read.operation());
          }
          return c.rows(read.function(), queue, read.sql(), reader, read.params());
        });
  }

  // ---------------------------------------------------------------- visibility, delete, archive

  @Override
  public Optional<Message<JsonNode>> setVt(String queue, long msgId, Duration vt) {
    return first(call(Calls.setVt(check(queue), msgId, vt, raw)));
  }

  @Override
  public Optional<Message<JsonNode>> setVt(String queue, long msgId, Instant visibleAt) {
    check(queue);
    String at = Objects.requireNonNull(visibleAt, "visibleAt").toString();
    return first(
        setVt(
            queue,
            PgmqSql.SET_VT_TS,
            PgmqFeature.SET_VT_TIMESTAMP,
            "(queue, msgId, Instant)",
            msgId,
            at));
  }

  @Override
  public List<Message<JsonNode>> setVt(String queue, List<Long> msgIds, Duration vt) {
    check(queue);
    String ids = Batches.idArray(msgIds);
    int s = seconds(vt, "vt");
    return setVt(
        queue, PgmqSql.SET_VT_MANY, PgmqFeature.SET_VT_BATCH, "(queue, msgIds, Duration)", ids, s);
  }

  @Override
  public List<Message<JsonNode>> setVt(String queue, List<Long> msgIds, Instant visibleAt) {
    check(queue);
    String ids = Batches.idArray(msgIds);
    String at = Objects.requireNonNull(visibleAt, "visibleAt").toString();
    return setVt(
        queue,
        PgmqSql.SET_VT_MANY_TS,
        PgmqFeature.SET_VT_BATCH_TIMESTAMP,
        "(queue, msgIds, Instant)",
        ids,
        at);
  }

  private List<Message<JsonNode>> setVt(
      String queue, String sql, PgmqFeature feature, String form, Object target, Object when) {
    return call(
        c -> {
          c.features().require(feature, "setVt" + form);
          return c.rows("set_vt", queue, sql, raw, queue, target, when);
        });
  }

  @Override
  public boolean delete(String queue, long msgId) {
    return call(Calls.delete(check(queue), msgId));
  }

  @Override
  public List<Long> deleteBatch(String queue, List<Long> msgIds) {
    return call(Calls.deleteBatch(check(queue), msgIds));
  }

  @Override
  public boolean archive(String queue, long msgId) {
    return call(Calls.archive(check(queue), msgId));
  }

  @Override
  public List<Long> archiveBatch(String queue, List<Long> msgIds) {
    return call(Calls.archiveBatch(check(queue), msgIds));
  }

  /** The first row, if any. */
  static <T> Optional<T> first(List<T> rows) {
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }
}
