package dev.pgmq.it.cdi;

import dev.pgmq.outbox.OutboxEvent;

/** Published by the shipping listener, in the transaction that acknowledges the order. */
@OutboxEvent(queue = "shipments", type = "order.shipped")
public record OrderShipped(Long orderId) {}
