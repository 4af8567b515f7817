package dev.pgmq.it.wildfly.app;

import dev.pgmq.outbox.OutboxEvent;

/** Raised by {@link Order#place()}; consumed by {@link ShippingListener}. */
@OutboxEvent(queue = "orders", type = "order.placed")
public record OrderPlaced(Long orderId, String customer) {}
