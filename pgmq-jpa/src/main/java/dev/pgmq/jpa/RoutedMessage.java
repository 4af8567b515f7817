package dev.pgmq.jpa;

/**
 * One message delivered to one queue by a topic send; an immutable, thread-safe value. Like any
 * send, it is visible to others only once the sending transaction commits.
 *
 * @param queueName the queue it went to
 * @param msgId its id in that queue
 */
public record RoutedMessage(String queueName, long msgId) {}
