package dev.pgmq.spring.app;

import dev.pgmq.outbox.OutboxEvent;

@OutboxEvent(queue = "orders", type = "order.placed")
public record OrderPlaced(long orderId, long amountCents) {}
