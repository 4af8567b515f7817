/**
 * Extension points of the consumer, for integrators: {@link
 * dev.pgmq.outbox.consumer.spi.ConsumerListener} to observe message handling (metrics, tracing; a
 * {@link dev.pgmq.outbox.consumer.spi.ProcessingScope} wraps each message), {@link
 * dev.pgmq.outbox.consumer.spi.TransactionRunner} to run handlers in a container's transactions
 * instead of resource-local ones, {@link dev.pgmq.outbox.consumer.spi.NotifyConnectionFactory} to
 * supply the connection notifications are received on.
 */
package dev.pgmq.outbox.consumer.spi;
