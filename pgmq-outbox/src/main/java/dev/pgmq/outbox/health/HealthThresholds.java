package dev.pgmq.outbox.health;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits beyond which a queue is reported {@link HealthStatus#DOWN}. Immutable; start from {@link
 * #none()} and narrow with the {@code with*} methods.
 *
 * @param maxQueueDepth most messages (visible or not) a queue may hold; {@code Long.MAX_VALUE} for
 *     no limit
 * @param maxOldestMessageAge oldest a message in a queue may be; {@code null} for no limit
 * @param maxDeadLetters most messages a dead-letter queue may hold; {@code Long.MAX_VALUE} for no
 *     limit
 */
public record HealthThresholds(
    long maxQueueDepth, Duration maxOldestMessageAge, long maxDeadLetters) {

  /** Checks the limits are not negative. */
  public HealthThresholds {
    if (maxQueueDepth < 0) {
      throw new IllegalArgumentException("maxQueueDepth must be >= 0, was " + maxQueueDepth);
    }
    if (maxOldestMessageAge != null && maxOldestMessageAge.isNegative()) {
      throw new IllegalArgumentException(
          "maxOldestMessageAge must be >= 0, was " + maxOldestMessageAge);
    }
    if (maxDeadLetters < 0) {
      throw new IllegalArgumentException("maxDeadLetters must be >= 0, was " + maxDeadLetters);
    }
  }

  /** No limits: only PGMQ, the queues and the consumers are checked (the default). */
  public static HealthThresholds none() {
    return new HealthThresholds(Long.MAX_VALUE, null, Long.MAX_VALUE);
  }

  /** These limits with at most {@code max} messages per queue. */
  public HealthThresholds withMaxQueueDepth(long max) {
    return new HealthThresholds(max, maxOldestMessageAge, maxDeadLetters);
  }

  /** These limits with messages no older than {@code max}. */
  public HealthThresholds withMaxOldestMessageAge(Duration max) {
    return new HealthThresholds(
        maxQueueDepth, Objects.requireNonNull(max, "maxOldestMessageAge"), maxDeadLetters);
  }

  /** These limits with at most {@code max} messages per dead-letter queue. */
  public HealthThresholds withMaxDeadLetters(long max) {
    return new HealthThresholds(maxQueueDepth, maxOldestMessageAge, max);
  }
}
