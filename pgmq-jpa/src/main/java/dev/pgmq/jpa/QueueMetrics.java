package dev.pgmq.jpa;

import java.time.Instant;

/**
 * Metrics of one queue ({@code pgmq.metrics_result}): an immutable snapshot taken in the call's
 * transaction; thread-safe.
 *
 * @param queueName the queue
 * @param queueLength messages in the queue, visible or not
 * @param newestMsgAgeSec age of the newest message in seconds, {@code null} when empty
 * @param oldestMsgAgeSec age of the oldest message in seconds, {@code null} when empty
 * @param totalMessages messages ever sent to the queue
 * @param scrapeTime when the metrics were taken
 * @param queueVisibleLength messages visible now
 * @param defaultPartitionLength planner estimate of rows in the default partitions of a partitioned
 *     queue, {@code null} for other queues (and on PGMQ before 1.12.1)
 */
public record QueueMetrics(
    String queueName,
    long queueLength,
    Integer newestMsgAgeSec,
    Integer oldestMsgAgeSec,
    long totalMessages,
    Instant scrapeTime,
    long queueVisibleLength,
    Long defaultPartitionLength) {}
