package dev.pgmq.outbox.health;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The health of one queue at the time of a check. Immutable.
 *
 * @param queue the queue
 * @param exists whether the queue exists (the numbers below are 0 when it does not)
 * @param depth messages in the queue, visible or not
 * @param oldestMessageAge age of the oldest message, {@link Duration#ZERO} when the queue is empty
 * @param deadLetterQueue the queue's dead-letter queue
 * @param deadLetterDepth messages in the dead-letter queue (0 when it does not exist)
 * @param consumers consumers registered for the queue
 * @param consumersRunning how many of them run now
 * @param problems what is wrong, empty when the queue is healthy
 */
public record QueueHealth(
    String queue,
    boolean exists,
    long depth,
    Duration oldestMessageAge,
    String deadLetterQueue,
    long deadLetterDepth,
    int consumers,
    int consumersRunning,
    List<String> problems) {

  /** Checks the required parts and copies the problems. */
  public QueueHealth {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(oldestMessageAge, "oldestMessageAge");
    Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
    problems = List.copyOf(problems);
  }

  /** {@link HealthStatus#UP} when there are no problems. */
  public HealthStatus status() {
    return problems.isEmpty() ? HealthStatus.UP : HealthStatus.DOWN;
  }
}
