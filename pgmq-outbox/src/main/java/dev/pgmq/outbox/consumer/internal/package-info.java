/**
 * The consumer's implementation: worker loop, batch reads, message processing, dead-lettering,
 * notification listener, visibility extension. Internal: may change in any release; use {@link
 * dev.pgmq.outbox.consumer.PgmqConsumer}.
 */
package dev.pgmq.outbox.consumer.internal;
