package dev.pgmq.outbox.consumer;

import dev.pgmq.jpa.Message;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * Handles the messages of one read together, in one transaction with their acknowledgement: the
 * consumer calls it with the batch a worker read (up to {@link PgmqConsumerBuilder#batchSize}),
 * then deletes (or archives) all of them with one statement and commits. Fewer transactions and
 * statements than a {@link MessageHandler} per message, for handlers that can work on many at once
 * (bulk inserts, aggregations).
 *
 * <p><b>Failure.</b> Throwing rolls back the whole batch: every message of it is retried with
 * backoff, or dead-lettered when it was its last attempt or the exception is {@link NonRetryable}.
 * Messages whose payload cannot be read as the payload type, and messages read more often than
 * {@link PgmqConsumerBuilder#maxAttempts}, are dead-lettered one by one before the batch is handled
 * and are not part of it.
 *
 * <p><b>Threads.</b> Called concurrently from every worker thread: must be thread-safe. Each call
 * gets its own {@code EntityManager}, in its transaction; do not commit, roll back or close it.
 *
 * @param <T> the payload type
 */
@FunctionalInterface
public interface BatchHandler<T> {

  /**
   * Handles the batch.
   *
   * @param messages the messages, in the order read, payloads decoded as the payload type; never
   *     empty
   * @param entityManager the transaction's {@code EntityManager}
   * @throws Exception to roll back the batch and retry (or dead-letter) its messages
   */
  void handle(List<Message<T>> messages, EntityManager entityManager) throws Exception;
}
