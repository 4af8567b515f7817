package dev.pgmq.spring.app;

import dev.pgmq.outbox.OutboxEvent;

@OutboxEvent(queue = "audit", type = "audit.note")
public record AuditNote(long orderId) {}
