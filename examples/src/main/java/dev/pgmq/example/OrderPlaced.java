package dev.pgmq.example;

import dev.pgmq.outbox.OutboxEvent;

/**
 * The event a placed order raises; sent to queue {@value #QUEUE} by the outbox.
 *
 * @param orderId the order
 * @param customer who ordered
 * @param amountCents the order total in cents
 */
@OutboxEvent(queue = OrderPlaced.QUEUE, type = "order.placed")
public record OrderPlaced(long orderId, String customer, long amountCents) {

  /** The queue order events go to. */
  public static final String QUEUE = "orders";
}
