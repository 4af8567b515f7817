package dev.pgmq.it.pgbouncer;

import dev.pgmq.outbox.OutboxEvent;

/** An event published through the outbox behind PgBouncer. */
@OutboxEvent(queue = "bounced_payments", type = "payment.requested")
public record Payment(String reference, long cents) {}
