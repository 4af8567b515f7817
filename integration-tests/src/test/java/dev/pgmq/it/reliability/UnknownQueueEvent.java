package dev.pgmq.it.reliability;

import dev.pgmq.outbox.OutboxEvent;

/** An event routed to a valid queue name that no one created. */
@OutboxEvent(queue = "never_created", type = "unknown.queue")
public record UnknownQueueEvent(long n) {}
