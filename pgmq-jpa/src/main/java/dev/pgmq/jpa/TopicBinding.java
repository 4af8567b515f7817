package dev.pgmq.jpa;

import java.time.Instant;

/**
 * A topic binding ({@code pgmq.topic_bindings}); an immutable, thread-safe value.
 *
 * @param pattern the routing pattern
 * @param queueName the bound queue
 * @param boundAt when it was bound, {@code null} where PGMQ does not report it ({@code
 *     test_routing})
 * @param compiledRegex the regular expression PGMQ matches routing keys with
 */
public record TopicBinding(
    String pattern, String queueName, Instant boundAt, String compiledRegex) {}
