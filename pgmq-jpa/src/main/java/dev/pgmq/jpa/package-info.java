/**
 * PGMQ, the PostgreSQL message queue, as a first-class citizen of JPA/Hibernate applications: the
 * API for application code.
 *
 * <ul>
 *   <li>{@link dev.pgmq.jpa.Pgmq} is the vocabulary of operations. {@link
 *       dev.pgmq.jpa.Pgmq#using(jakarta.persistence.EntityManager)} runs them inside the caller's
 *       active transaction (never committing), so a message is sent atomically with entity changes.
 *   <li>{@link dev.pgmq.jpa.PgmqClient} is a self-managed client that commits each call (or a group
 *       of calls) itself; {@link dev.pgmq.jpa.AsyncPgmq} offers the same operations returning
 *       {@code CompletableFuture}s.
 *   <li>{@link dev.pgmq.jpa.PgmqSchema} makes sure PGMQ is installed.
 *   <li>Every exception is a {@link dev.pgmq.jpa.PgmqException}, with its cause.
 * </ul>
 *
 * <p>Values ({@link dev.pgmq.jpa.Message}, {@link dev.pgmq.jpa.QueueMetrics}, ...) are immutable
 * records; {@link dev.pgmq.jpa.PgmqConfig} is immutable and validated once.
 */
package dev.pgmq.jpa;
