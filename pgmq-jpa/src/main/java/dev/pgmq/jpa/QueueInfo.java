package dev.pgmq.jpa;

import java.time.Instant;

/**
 * A queue as {@code pgmq.list_queues} reports it; an immutable, thread-safe value.
 *
 * @param queueName the name as created
 * @param isPartitioned whether pg_partman partitions it
 * @param isUnlogged whether its table is UNLOGGED
 * @param createdAt when it was created
 */
public record QueueInfo(
    String queueName, boolean isPartitioned, boolean isUnlogged, Instant createdAt) {}
