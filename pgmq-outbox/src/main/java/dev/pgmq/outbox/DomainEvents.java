package dev.pgmq.outbox;

import java.util.Collection;

/**
 * An entity that collects domain events for the outbox. At every Hibernate flush the outbox takes
 * the {@link #domainEvents() pending events} of each managed entity that implements this interface
 * (including entities removed in the current transaction), sends them to their queues on the
 * session's own connection, then calls {@link #clearDomainEvents()}: each event is sent once, in
 * the transaction that flushed it, and disappears if that transaction rolls back.
 *
 * <p>Keep the events out of the persistent state ({@code @Transient} / {@code transient}). {@link
 * AbstractAggregateRoot} is a ready implementation. Implementations need not be thread-safe: an
 * entity belongs to one session.
 */
public interface DomainEvents {

  /** The events registered since the last flush, in registration order; never {@code null}. */
  Collection<?> domainEvents();

  /** Forgets the pending events; called by the outbox once it has taken them. */
  void clearDomainEvents();
}
