package dev.pgmq.it.reliability;

import dev.pgmq.outbox.OutboxEvent;

/** The event of a {@link TrackedOrder}, routed to queue {@value #QUEUE}. */
@OutboxEvent(queue = OrderPlaced.QUEUE, type = "order.placed")
public record OrderPlaced(long orderId, String producer) {

  /** The queue every order event goes to (each test class has a database of its own). */
  public static final String QUEUE = "orders";
}
