package dev.pgmq.jpa.internal;

import static dev.pgmq.jpa.internal.QueueNames.check;

import java.util.List;
import java.util.Map;

/** Sending one message or a batch: validation, payload encoding and the statement's shape. */
final class Sends {

  private final SessionStatements calls;
  private final JsonCodec codec;

  Sends(SessionStatements calls, JsonCodec codec) {
    this.calls = calls;
    this.codec = codec;
  }

  long one(String queue, Object message, Map<String, ?> headers, Object delay) {
    check(queue);
    String payload = codec.payload(message);
    String sql = PgmqSql.SEND[PgmqSql.sendShape(headers != null, delay)];
    Object[] params =
        headers == null
            ? (delay == null
                ? new Object[] {queue, payload}
                : new Object[] {queue, payload, EntityManagerPgmq.bindable(delay)})
            : (delay == null
                ? new Object[] {queue, payload, codec.headers(headers)}
                : new Object[] {
                  queue, payload, codec.headers(headers), EntityManagerPgmq.bindable(delay)
                });
    return calls.first("send", queue, sql, Rows.MSG_ID, params);
  }

  List<Long> many(
      String queue, List<?> messages, List<? extends Map<String, ?>> headers, Object delay) {
    check(queue);
    Object[] params = Batches.params(codec, queue, messages, headers, delay);
    String sql = PgmqSql.SEND_BATCH[PgmqSql.sendShape(headers != null, delay)];
    return calls.rows("send_batch", queue, sql, Rows.MSG_ID, params);
  }
}
