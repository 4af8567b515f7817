package dev.pgmq.outbox.health;

import dev.pgmq.jpa.PgmqConfig;
import dev.pgmq.outbox.consumer.DeadLetters;
import dev.pgmq.outbox.consumer.PgmqConsumer;
import dev.pgmq.outbox.consumer.spi.TransactionRunner;
import dev.pgmq.outbox.health.internal.DefaultPgmqHealth;
import dev.pgmq.outbox.health.internal.HealthTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Configures a {@link PgmqHealth}: the queues to check (each with its dead-letter queue and its
 * consumers), the thresholds, the {@link PgmqConfig}. Not thread-safe; {@link #build()} validates
 * and returns an immutable check.
 */
public final class PgmqHealthBuilder {

  private final TransactionRunner runner;
  private final Map<String, String> deadLetterQueues = new LinkedHashMap<>();
  private final Map<String, List<PgmqConsumer>> consumers = new LinkedHashMap<>();
  private HealthThresholds thresholds = HealthThresholds.none();
  private PgmqConfig config = PgmqConfig.defaults();

  PgmqHealthBuilder(TransactionRunner runner) {
    this.runner = Objects.requireNonNull(runner, "runner");
  }

  /** Checks {@code queue} and its default dead-letter queue ({@code <queue>_dlq}). */
  public PgmqHealthBuilder queue(String queue) {
    return queue(queue, DeadLetters.defaultQueueName(queue));
  }

  /** Checks {@code queue} and {@code deadLetterQueue}. */
  public PgmqHealthBuilder queue(String queue, String deadLetterQueue) {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
    String known = deadLetterQueues.putIfAbsent(queue, deadLetterQueue);
    if (known != null && !known.equals(deadLetterQueue)) {
      throw new IllegalArgumentException(
          "queue '"
              + queue
              + "' was registered with dead-letter queue '"
              + known
              + "', not '"
              + deadLetterQueue
              + "'");
    }
    consumers.computeIfAbsent(queue, q -> new ArrayList<>());
    return this;
  }

  /** Checks the consumer's queue and dead-letter queue, and that the consumer runs. */
  public PgmqHealthBuilder consumer(PgmqConsumer consumer) {
    Objects.requireNonNull(consumer, "consumer");
    queue(consumer.queue(), consumer.deadLetterQueue());
    consumers.get(consumer.queue()).add(consumer);
    return this;
  }

  /** The limits beyond which a queue is down; default {@link HealthThresholds#none()}. */
  public PgmqHealthBuilder thresholds(HealthThresholds thresholds) {
    this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    return this;
  }

  /** The configuration the queues are read with; default {@link PgmqConfig#defaults()}. */
  public PgmqHealthBuilder config(PgmqConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    return this;
  }

  /** The check, for the queues registered so far (none is allowed: PGMQ alone is checked). */
  public PgmqHealth build() {
    List<HealthTarget> targets = new ArrayList<>();
    deadLetterQueues.forEach(
        (queue, dlq) -> targets.add(new HealthTarget(queue, dlq, consumers.get(queue))));
    return new DefaultPgmqHealth(runner, config, thresholds, targets);
  }
}
