package dev.pgmq.outbox.consumer;

import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;

/**
 * A pool of worker threads that read one queue and hand each message to a typed handler, in a
 * transaction that also acknowledges the message.
 *
 * <pre>{@code
 * PgmqConsumer consumer = PgmqConsumer.builder(entityManagerFactory)
 *     .queue("orders")
 *     .handler(OrderPlaced.class, (event, ctx) -> ctx.entityManager().persist(new Invoice(event)))
 *     .concurrency(4)
 *     .build();
 * consumer.start();
 * ...
 * consumer.close(); // stops reading, lets running handlers finish, releases the rest
 * }</pre>
 *
 * <p><b>Guarantees.</b> At-least-once delivery; <b>effectively-once</b> for handlers whose effects
 * are writes through {@link MessageContext#entityManager()}: handler and acknowledgement commit in
 * one transaction, and an acknowledgement that finds the message already gone rolls the handler
 * back ({@link MessageGoneException}). A worker that dies leaves its messages to reappear after the
 * visibility timeout. Failures are retried with {@link Backoff} through {@code set_vt}; after
 * {@code maxAttempts} reads, or at once for {@link NonRetryable} exceptions, the message moves to
 * the dead-letter queue (send and delete in one transaction) with {@link DeadLetterHeaders}.
 *
 * <p><b>Threads.</b> Thread-safe. {@link #start()} once; {@link #stop(Duration)} / {@link #close()}
 * from any thread, any number of times.
 */
public interface PgmqConsumer extends AutoCloseable {

  /**
   * A builder for a consumer on {@code entityManagerFactory}: handlers run in resource-local
   * transactions of {@code EntityManager}s it creates (unless another {@link
   * dev.pgmq.outbox.consumer.spi.TransactionRunner} is configured).
   */
  static PgmqConsumerBuilder builder(EntityManagerFactory entityManagerFactory) {
    return new PgmqConsumerBuilder(entityManagerFactory);
  }

  /** The queue this consumer reads. */
  String queue();

  /** The queue failed messages are moved to. */
  String deadLetterQueue();

  /**
   * Starts the workers. Checks that the queue exists and creates the dead-letter queue when it does
   * not.
   *
   * @throws dev.pgmq.jpa.QueueNotFoundException when the queue does not exist
   * @throws IllegalStateException when already started
   */
  void start();

  /** Whether the consumer has been started and not yet stopped. */
  boolean isRunning();

  /**
   * Stops gracefully: workers stop reading, messages they have read but not started are made
   * visible again at once ({@code set_vt} 0), handlers already running get up to {@code timeout} to
   * finish and commit. Handlers still running then are interrupted; their messages are made visible
   * again when they return, or reappear after their visibility timeout. No message is lost either
   * way.
   *
   * @return {@code true} when every worker finished within {@code timeout}
   */
  boolean stop(Duration timeout);

  /** {@link #stop(Duration)} with the configured {@code shutdownTimeout}. */
  @Override
  void close();

  /**
   * Moves up to {@code max} messages from the dead-letter queue back to the queue they came from,
   * in one transaction; see {@link DeadLetters#replay}. Works whether or not the consumer runs.
   *
   * @return how many were moved
   */
  int replayDeadLetters(int max);
}
