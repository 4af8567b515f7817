package dev.pgmq.jpa.internal;

import static dev.pgmq.jpa.internal.Arguments.positive;
import static dev.pgmq.jpa.internal.Arguments.seconds;
import static dev.pgmq.jpa.spi.QueueNames.check;

import dev.pgmq.jpa.FifoMode;
import dev.pgmq.jpa.ReadOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * Reads, prepared before any statement runs: arguments checked, and the PGMQ function chosen
 * ({@code read}, {@code read_with_poll}, a grouped read, {@code pop}) with what it needs of the
 * installed PGMQ.
 */
record Reads(String function, String sql, Object[] params, PgmqFeature feature, String operation) {

  private static final String NO_FILTER = "{}";

  static Reads read(String queue, Duration vt, int qty) {
    return read(queue, vt, qty, NO_FILTER);
  }

  static Reads poll(String queue, Duration vt, int qty, Duration maxPoll, Duration interval) {
    return poll(queue, vt, qty, maxPoll, interval, NO_FILTER);
  }

  static Reads pop(String queue) {
    check(queue);
    return new Reads("pop", PgmqSql.POP, new Object[] {queue}, null, null);
  }

  static Reads pop(String queue, int qty) {
    check(queue);
    Object[] params = {queue, positive(qty, "qty")};
    return new Reads("pop", PgmqSql.POP_QTY, params, PgmqFeature.POP_QTY, "pop(queue, qty)");
  }

  /** The read {@code options} describe. */
  static Reads of(String queue, ReadOptions options, JsonCodec codec) {
    Objects.requireNonNull(options, "options");
    check(queue);
    String filter =
        options.conditional() == null ? NO_FILTER : codec.conditional(options.conditional());
    if (options.fifo() != null) {
      return grouped(grouped(options.fifo()), queue, options);
    }
    if (options.polls()) {
      return poll(
          queue, options.vt(), options.qty(), options.maxPoll(), options.pollInterval(), filter);
    }
    return read(queue, options.vt(), options.qty(), filter);
  }

  private static Reads read(String queue, Duration vt, int qty, String filter) {
    check(queue);
    Object[] params = {queue, seconds(vt, "vt"), positive(qty, "qty"), filter};
    return new Reads("read", PgmqSql.READ, params, null, null);
  }

  private static Reads poll(
      String queue, Duration vt, int qty, Duration maxPoll, Duration interval, String filter) {
    check(queue);
    Object[] params = {
      queue,
      seconds(vt, "vt"),
      positive(qty, "qty"),
      seconds(maxPoll, "maxPoll"),
      Arguments.millis(interval, "pollInterval", true),
      filter
    };
    return new Reads("read_with_poll", PgmqSql.READ_WITH_POLL, params, null, null);
  }

  private static Reads grouped(GroupedRead kind, String queue, ReadOptions options) {
    boolean withPoll = options.polls();
    int vt = seconds(options.vt(), "vt");
    Object[] params =
        withPoll
            ? new Object[] {
              queue,
              vt,
              options.qty(),
              seconds(options.maxPoll(), "maxPoll"),
              Arguments.millis(options.pollInterval(), "pollInterval", true)
            }
            : new Object[] {queue, vt, options.qty()};
    return new Reads(
        kind.function(withPoll),
        kind.sql(withPoll),
        params,
        kind.feature(withPoll),
        kind.operation(withPoll));
  }

  private static GroupedRead grouped(FifoMode mode) {
    return switch (mode) {
      case OLDEST_GROUP_FIRST -> GroupedRead.OLDEST_FIRST;
      case ROUND_ROBIN -> GroupedRead.ROUND_ROBIN;
      case HEADS_ONLY -> GroupedRead.HEAD;
    };
  }
}
