package dev.pgmq.jpa.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.QueueMetrics;
import dev.pgmq.jpa.QueueNotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * PGMQ calls as values: the statement, its binds and its row reader, checked and encoded when
 * built, run later on a unit of work's {@link SessionStatements} (by {@link PgmqOperations#call}).
 * Shared by the operations and the typed queue handle, so each call is written once. The queue name
 * is checked by the caller.
 */
final class Calls {

  private Calls() {}

  static Function<SessionStatements, Long> send(String queue, Sends.Prepared send) {
    return c -> c.first("send", queue, send.sql(), Rows.MSG_ID, send.params());
  }

  static Function<SessionStatements, List<Long>> sendBatch(String queue, Sends.Prepared batch) {
    return c -> c.rows("send_batch", queue, batch.sql(), Rows.MSG_ID, batch.params());
  }

  static Function<SessionStatements, List<Message<JsonNode>>> setVt(
      String queue, long msgId, Duration vt, SessionStatements.RowReader<Message<JsonNode>> raw) {
    int seconds = Arguments.seconds(vt, "vt");
    return c -> c.rows("set_vt", queue, PgmqSql.SET_VT, raw, queue, msgId, seconds);
  }

  static Function<SessionStatements, Boolean> delete(String queue, long msgId) {
    return c -> c.first("delete", queue, PgmqSql.DELETE, Rows.RESULT, queue, msgId);
  }

  static Function<SessionStatements, List<Long>> deleteBatch(String queue, List<Long> msgIds) {
    String ids = Batches.idArray(msgIds);
    return c -> c.rows("delete", queue, PgmqSql.DELETE_MANY, Rows.MSG_ID, queue, ids);
  }

  static Function<SessionStatements, Boolean> archive(String queue, long msgId) {
    return c -> c.first("archive", queue, PgmqSql.ARCHIVE, Rows.RESULT, queue, msgId);
  }

  static Function<SessionStatements, List<Long>> archiveBatch(String queue, List<Long> msgIds) {
    String ids = Batches.idArray(msgIds);
    return c -> c.rows("archive", queue, PgmqSql.ARCHIVE_MANY, Rows.MSG_ID, queue, ids);
  }

  static Function<SessionStatements, QueueMetrics> metrics(String queue) {
    return c -> {
      List<QueueMetrics> rows = c.rows("metrics", queue, PgmqSql.METRICS, Rows.METRICS, queue);
      if (rows.isEmpty()) {
        throw new QueueNotFoundException(queue, null);
      }
      return rows.get(0);
    };
  }
}
