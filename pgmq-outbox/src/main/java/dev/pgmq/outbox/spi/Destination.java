package dev.pgmq.outbox.spi;

import java.util.Objects;

/**
 * Where an event goes: one queue ({@code pgmq.send_batch}) or a topic routing key whose bound
 * queues all receive it ({@code pgmq.send_batch_topic}).
 *
 * @param name the queue name, or the routing key when {@code topic}
 * @param topic whether {@code name} is a topic routing key
 */
public record Destination(String name, boolean topic) {

  /** Checks the name is present. */
  public Destination {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("destination name must not be blank");
    }
  }

  /** The queue {@code queue}. */
  public static Destination queue(String queue) {
    return new Destination(queue, false);
  }

  /** Every queue bound to a pattern that matches {@code routingKey}. */
  public static Destination topic(String routingKey) {
    return new Destination(routingKey, true);
  }
}
