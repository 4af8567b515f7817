package dev.pgmq.jpa;

/**
 * One message delivered to one queue by a topic send.
 *
 * @param queueName the queue it went to
 * @param msgId its id in that queue
 */
public record RoutedMessage(String queueName, long msgId) {}
