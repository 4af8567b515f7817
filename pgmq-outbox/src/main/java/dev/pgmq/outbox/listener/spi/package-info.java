/**
 * For container integrations (CDI, Spring) that run {@link dev.pgmq.outbox.listener.PgmqListener}
 * methods: {@link dev.pgmq.outbox.listener.spi.ListenerMethod} checks a method and says what each
 * parameter receives, {@link dev.pgmq.outbox.listener.spi.ListenerConsumers} builds the consumer of
 * a queue's methods from the annotation, so that the annotation means the same in every container.
 * The integration supplies the bean instances and the transactions ({@link
 * dev.pgmq.outbox.consumer.spi.TransactionRunner}).
 */
package dev.pgmq.outbox.listener.spi;
