package dev.pgmq.jpa.internal;

import static dev.pgmq.jpa.spi.QueueNames.check;

import dev.pgmq.jpa.SendOptions;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sends, prepared before any statement runs: arguments checked, payloads encoded, the statement's
 * shape (headers, delay in seconds or as an instant) chosen.
 */
final class Sends {

  private Sends() {}

  /** One statement, ready to run. */
  record Prepared(String sql, Object[] params) {}

  static Prepared one(JsonCodec codec, String queue, Object message, SendOptions options) {
    check(queue);
    String payload = codec.payload(message);
    Object delay = delay(Objects.requireNonNull(options, "options"));
    String headers = codec.headers(options.headers());
    String sql = PgmqSql.SEND[PgmqSql.sendShape(headers != null, delay)];
    Object[] params =
        headers == null
            ? (delay == null ? new Object[] {queue, payload} : new Object[] {queue, payload, delay})
            : (delay == null
                ? new Object[] {queue, payload, headers}
                : new Object[] {queue, payload, headers, delay});
    return new Prepared(sql, params);
  }

  /** A {@code send_batch} (or, with {@code topic}, {@code send_batch_topic}) of {@code target}. */
  static Prepared batch(
      JsonCodec codec,
      String target,
      List<?> messages,
      List<? extends Map<String, ?>> headers,
      SendOptions options,
      boolean topic) {
    Objects.requireNonNull(options, "options");
    if (headers != null && options.headers() != null) {
      throw new IllegalArgumentException(
          "headers are given per message: the options must not carry headers too");
    }
    Object delay = delay(options);
    if (topic && delay instanceof String) {
      throw new IllegalArgumentException("PGMQ's topic sends take a delay, not an instant");
    }
    Object[] params = Batches.params(codec, target, messages, headers, delay);
    String[] shapes = topic ? PgmqSql.SEND_BATCH_TOPIC : PgmqSql.SEND_BATCH;
    return new Prepared(shapes[PgmqSql.sendShape(headers != null, delay)], params);
  }

  /** A batch whose messages all carry {@code options}' headers (if any). */
  static Prepared batch(
      JsonCodec codec, String target, List<?> messages, SendOptions options, boolean topic) {
    return batch(codec, target, messages, sameHeaders(messages, options), timing(options), topic);
  }

  /** {@code options}' headers for each of {@code messages}, or {@code null} when none. */
  private static List<? extends Map<String, ?>> sameHeaders(List<?> messages, SendOptions options) {
    Objects.requireNonNull(messages, "messages");
    Objects.requireNonNull(options, "options");
    return options.headers() == null
        ? null
        : Collections.nCopies(messages.size(), options.headers());
  }

  /** {@code options} without their headers (they were moved to the per-message list). */
  private static SendOptions timing(SendOptions options) {
    return new SendOptions(null, options.delay(), options.visibleAt());
  }

  /** The delay as a bind value: whole seconds as Integer, an instant as ISO-8601 text, or null. */
  static Object delay(SendOptions options) {
    if (options.delay() != null) {
      return Arguments.seconds(options.delay(), "delay");
    }
    return options.visibleAt() == null ? null : options.visibleAt().toString();
  }
}
