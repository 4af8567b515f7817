package dev.pgmq.it.wildfly.app;

import dev.pgmq.outbox.OutboxEvent;

/** Published explicitly through the outbox when an order is placed. */
@OutboxEvent(queue = "payments", type = "payment.requested")
public record PaymentRequested(Long orderId, String customer) {}
