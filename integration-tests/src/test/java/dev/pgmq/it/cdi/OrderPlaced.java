package dev.pgmq.it.cdi;

import dev.pgmq.outbox.OutboxEvent;

/** Raised by {@link Order#place()}; consumed by the shipping listener. */
@OutboxEvent(queue = "orders", type = "order.placed")
public record OrderPlaced(Long orderId, String customer) {}
