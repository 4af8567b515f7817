package dev.pgmq.example.spring;

import dev.pgmq.outbox.OutboxEvent;

/** Raised when an order is placed; goes to queue {@code orders} with the order's transaction. */
@OutboxEvent(queue = "orders", type = "order.placed")
public record OrderPlaced(long orderId, String customer, long amountCents) {}
