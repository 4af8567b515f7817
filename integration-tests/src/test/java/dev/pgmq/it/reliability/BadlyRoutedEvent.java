package dev.pgmq.it.reliability;

import dev.pgmq.outbox.OutboxEvent;

/** An event whose {@code @OutboxEvent} names a queue PGMQ cannot have: an injection attempt. */
@OutboxEvent(queue = "x'; drop table pgmq.meta; --", type = "badly.routed")
public record BadlyRoutedEvent(long n) {}
