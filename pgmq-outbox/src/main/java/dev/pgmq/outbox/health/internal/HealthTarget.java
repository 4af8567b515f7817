package dev.pgmq.outbox.health.internal;

import dev.pgmq.jpa.spi.QueueNames;
import dev.pgmq.outbox.consumer.PgmqConsumer;
import java.util.List;

/** One queue to check, its dead-letter queue and its consumers. */
public record HealthTarget(String queue, String deadLetterQueue, List<PgmqConsumer> consumers) {

  /** Checks the names before any SQL runs and copies the consumers. */
  public HealthTarget {
    QueueNames.check(queue);
    QueueNames.check(deadLetterQueue);
    consumers = List.copyOf(consumers);
  }

  /** How many consumers run now. */
  int running() {
    return (int) consumers.stream().filter(PgmqConsumer::isRunning).count();
  }
}
