/**
 * The transactional outbox for JPA/Hibernate applications: domain events registered on entities
 * ({@link dev.pgmq.outbox.DomainEvents}, {@link dev.pgmq.outbox.AbstractAggregateRoot}) or
 * published explicitly ({@link dev.pgmq.outbox.Outbox}) are sent to PGMQ queues at Hibernate flush,
 * on the session's own connection, so they commit or roll back with the entity changes. For
 * application code.
 */
package dev.pgmq.outbox;
