package dev.pgmq.jpa.spi;

import dev.pgmq.jpa.InvalidQueueNameException;
import dev.pgmq.jpa.PgmqPermissionException;
import dev.pgmq.jpa.PgmqSchemaException;
import dev.pgmq.jpa.PgmqStatementException;
import dev.pgmq.jpa.QueueNotFoundException;
import dev.pgmq.jpa.internal.ConnectionBatchSender;
import java.sql.Connection;
import java.util.List;

/**
 * Sends batches of messages whose payloads and headers are already JSON text, one statement per
 * call, on a JDBC connection the caller holds inside its own transaction (a Hibernate {@code
 * session.doWork} connection, say): nothing is committed, rolled back or closed here.
 *
 * <p>A queue batch is one static, server-prepared {@code INSERT} into {@code pgmq.q_<queue>} when
 * the direct insert is on and the table has exactly PGMQ's columns, types and defaults (read from
 * the catalog once per sender and queue, so create one sender per factory or data source and keep
 * it); otherwise one {@code pgmq.send_batch}. Both write the same row. A topic batch is one {@code
 * pgmq.send_batch_topic}.
 *
 * <p>Failures are the library's exceptions, with messages naming how many {@code items} could not
 * be sent where: {@link PgmqSchemaException} (PGMQ not installed), {@link QueueNotFoundException},
 * {@link PgmqPermissionException}, else {@link PgmqStatementException}; the cause is kept.
 *
 * <p>Thread-safe.
 */
public interface BatchSender {

  /**
   * A sender.
   *
   * @param directInsert whether a queue batch may be written with a direct insert into the queue's
   *     table (when its shape is PGMQ's), instead of calling {@code pgmq.send_batch}
   * @param items what the messages are, plural, for error messages (e.g. {@code "message(s)"})
   */
  static BatchSender create(boolean directInsert, String items) {
    return new ConnectionBatchSender(directInsert, items);
  }

  /**
   * Sends {@code payloads[i]} with {@code headers[i]} to {@code queue}, in order, in one statement;
   * does nothing for empty lists.
   *
   * @param payloads one JSON value per message (checked by PostgreSQL, not here)
   * @param headers one JSON object (or {@code null}) per message; as many as {@code payloads}
   * @throws InvalidQueueNameException before any SQL, when {@code queue} is not a valid name
   * @throws IllegalArgumentException when the lists differ in size
   */
  void sendBatch(Connection connection, String queue, List<String> payloads, List<String> headers);

  /**
   * Sends the messages to every queue bound to a pattern that matches {@code routingKey} ({@code
   * pgmq.send_batch_topic}, PGMQ ≥ 1.11), in one statement.
   *
   * @return how many messages were written, over all matching queues (0 when none matches)
   * @throws IllegalArgumentException when the lists differ in size
   */
  long sendBatchTopic(
      Connection connection, String routingKey, List<String> payloads, List<String> headers);
}
