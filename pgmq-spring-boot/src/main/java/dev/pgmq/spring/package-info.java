/**
 * Spring Boot starter for pgmq-jpa: {@link dev.pgmq.spring.PgmqAutoConfiguration} adds {@code
 * Pgmq}, {@code Outbox} and {@code PgmqClient} beans and installs PGMQ at start-up; {@link
 * dev.pgmq.spring.PgmqListenerConfiguration} runs {@code @PgmqListener} methods of Spring beans in
 * Spring transactions; {@link dev.pgmq.spring.PgmqProperties} holds the {@code pgmq.*} settings.
 * For applications: add the starter and use the beans.
 */
package dev.pgmq.spring;
