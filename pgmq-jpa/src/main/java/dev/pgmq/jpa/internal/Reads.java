package dev.pgmq.jpa.internal;

import static dev.pgmq.jpa.internal.Arguments.positive;
import static dev.pgmq.jpa.internal.Arguments.seconds;
import static dev.pgmq.jpa.internal.QueueNames.check;

import com.fasterxml.jackson.databind.JavaType;
import dev.pgmq.jpa.Message;
import java.time.Duration;
import java.util.List;

/** Reading messages: plain, with poll, pop and the grouped (FIFO) reads. */
final class Reads {

  private final SessionStatements calls;
  private final JsonCodec codec;

  Reads(SessionStatements calls, JsonCodec codec) {
    this.calls = calls;
    this.codec = codec;
  }

  <T> List<Message<T>> rows(String queue, Duration vt, int qty, String filter, JavaType type) {
    check(queue);
    int vtSeconds = seconds(vt, "vt");
    positive(qty, "qty");
    return calls.rows(
        "read", queue, PgmqSql.READ, Rows.messages(codec, type), queue, vtSeconds, qty, filter);
  }

  <T> List<Message<T>> poll(
      String queue,
      Duration vt,
      int qty,
      Duration maxPoll,
      Duration pollInterval,
      String filter,
      JavaType type) {
    check(queue);
    Object[] params = {
      queue,
      seconds(vt, "vt"),
      positive(qty, "qty"),
      seconds(maxPoll, "maxPoll"),
      Arguments.millis(pollInterval, "pollInterval", true),
      filter
    };
    return calls.rows(
        "read_with_poll", queue, PgmqSql.READ_WITH_POLL, Rows.messages(codec, type), params);
  }

  <T> List<Message<T>> pop(String queue, JavaType type) {
    check(queue);
    return calls.rows("pop", queue, PgmqSql.POP, Rows.messages(codec, type), queue);
  }

  <T> List<Message<T>> pop(String queue, int qty, JavaType type) {
    check(queue);
    positive(qty, "qty");
    calls.features().require(PgmqFeature.POP_QTY, "pop(queue, qty)");
    return calls.rows("pop", queue, PgmqSql.POP_QTY, Rows.<T>messages(codec, type), queue, qty);
  }

  <T> List<Message<T>> grouped(
      GroupedRead kind,
      String queue,
      Duration vt,
      int qty,
      Duration maxPoll,
      Duration pollInterval,
      Class<T> type) {
    check(queue);
    int vtSeconds = seconds(vt, "vt");
    positive(qty, "qty");
    JavaType javaType = codec.type(type);
    boolean withPoll = maxPoll != null || pollInterval != null;
    Object[] params =
        withPoll
            ? new Object[] {
              queue,
              vtSeconds,
              qty,
              seconds(maxPoll, "maxPoll"),
              Arguments.millis(pollInterval, "pollInterval", true)
            }
            : new Object[] {queue, vtSeconds, qty};
    calls.features().require(kind.feature(withPoll), kind.operation(withPoll));
    return calls.rows(
        kind.function(withPoll),
        queue,
        kind.sql(withPoll),
        Rows.<T>messages(codec, javaType),
        params);
  }
}
