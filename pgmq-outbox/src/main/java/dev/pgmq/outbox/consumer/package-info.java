/**
 * Consumers: a worker runtime that reads a PGMQ queue and hands each message to a typed {@link
 * dev.pgmq.outbox.consumer.MessageHandler}, in one JPA transaction with the acknowledgement, with
 * retries and backoff, a dead-letter queue and graceful shutdown. For application code; start with
 * {@link dev.pgmq.outbox.consumer.PgmqConsumer#builder}.
 */
package dev.pgmq.outbox.consumer;
