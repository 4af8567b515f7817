/**
 * Listener methods, for application code: {@link dev.pgmq.outbox.listener.PgmqListener} marks a
 * method of a CDI or Spring bean as the consumer of a queue, {@link
 * dev.pgmq.outbox.listener.ListenerDefinitionException} reports, at start-up, a method that cannot
 * run as declared. The annotation needs no container API; pgmq-cdi and pgmq-spring-boot run the
 * methods (through {@link dev.pgmq.outbox.listener.spi}).
 */
package dev.pgmq.outbox.listener;
