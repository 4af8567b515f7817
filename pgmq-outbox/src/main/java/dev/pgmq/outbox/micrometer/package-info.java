/**
 * Micrometer meters for consumers ({@link dev.pgmq.outbox.micrometer.PgmqConsumerMetrics}) and
 * queues ({@link dev.pgmq.outbox.micrometer.PgmqQueueMetrics}). Optional: needs {@code
 * io.micrometer:micrometer-core} on the classpath, which this module declares optional.
 */
package dev.pgmq.outbox.micrometer;
