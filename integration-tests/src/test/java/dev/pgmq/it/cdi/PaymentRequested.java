package dev.pgmq.it.cdi;

import dev.pgmq.outbox.OutboxEvent;

/** Published explicitly through the injected {@code Outbox} when an order is placed. */
@OutboxEvent(queue = "payments", type = "payment.requested")
public record PaymentRequested(Long orderId, String customer) {}
