package dev.pgmq.outbox.consumer;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqConfig;
import dev.pgmq.outbox.consumer.internal.DeadLetterMover;
import jakarta.persistence.EntityManager;
import java.util.Objects;

/**
 * Dead-letter queue operations that do not need a running consumer. {@link
 * PgmqConsumer#replayDeadLetters(int)} does the same in a transaction of its own.
 */
public final class DeadLetters {

  private DeadLetters() {}

  /** The default dead-letter queue of {@code queue}: {@code <queue>_dlq}. */
  public static String defaultQueueName(String queue) {
    return Objects.requireNonNull(queue, "queue") + "_dlq";
  }

  /**
   * Moves up to {@code max} messages, oldest first, from {@code deadLetterQueue} back to the queue
   * each came from ({@link DeadLetterHeaders#ORIGINAL_QUEUE}), or to {@code queue} when a message
   * does not say. Payload and original headers are kept, the dead-letter headers removed; the
   * replayed message is a new message (new id, read count 0).
   *
   * <p>Runs in the <b>active</b> transaction of {@code entityManager} (each message is sent and
   * deleted from the dead-letter queue in it), so a rollback replays nothing. Not thread-safe, like
   * the {@code EntityManager}.
   *
   * @param queue the target for messages without an original-queue header; may be {@code null} when
   *     every message has one
   * @return how many messages were moved
   * @throws dev.pgmq.jpa.NoActiveTransactionException without an active transaction
   * @throws IllegalStateException when a message has no original queue and {@code queue} is null
   */
  public static int replay(
      EntityManager entityManager,
      PgmqConfig config,
      String deadLetterQueue,
      String queue,
      int max) {
    Objects.requireNonNull(entityManager, "entityManager");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
    if (max <= 0) {
      throw new IllegalArgumentException("max must be > 0, was " + max);
    }
    return DeadLetterMover.replay(Pgmq.using(entityManager, config), deadLetterQueue, queue, max);
  }
}
