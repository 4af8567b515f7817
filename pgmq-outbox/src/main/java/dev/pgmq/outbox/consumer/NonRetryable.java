package dev.pgmq.outbox.consumer;

/**
 * Marks an exception that retrying cannot cure (a malformed payload, a violated business rule). A
 * handler failure whose exception, or any exception in its cause chain, implements this interface
 * sends the message to the dead-letter queue at once instead of retrying it. Exception classes you
 * cannot change are declared non-retryable with {@link PgmqConsumerBuilder#nonRetryable(Class)}.
 */
public interface NonRetryable {}
