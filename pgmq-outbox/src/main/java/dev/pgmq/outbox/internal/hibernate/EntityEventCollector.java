package dev.pgmq.outbox.internal.hibernate;

import dev.pgmq.outbox.DomainEvents;
import dev.pgmq.outbox.internal.OutboxRuntime;
import dev.pgmq.outbox.internal.PendingEvent;
import dev.pgmq.outbox.spi.TraceContext;
import java.time.Instant;
import java.util.Collection;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.event.spi.EventSource;
import org.hibernate.event.spi.FlushEntityEvent;
import org.hibernate.event.spi.FlushEntityEventListener;

/**
 * Takes the pending events of each entity Hibernate visits while flushing (managed and removed
 * ones) into the transaction's buffer; entities without events cost one type check.
 */
final class EntityEventCollector implements FlushEntityEventListener {

  private final OutboxRuntime runtime;
  private final JpaEntityNames names;

  EntityEventCollector(OutboxRuntime runtime, JpaEntityNames names) {
    this.runtime = runtime;
    this.names = names;
  }

  @Override
  public void onFlushEntity(FlushEntityEvent event) {
    if (!(event.getEntity() instanceof DomainEvents entity)) {
      return;
    }
    Collection<?> events = entity.domainEvents();
    if (events == null || events.isEmpty()) {
      return;
    }
    EventSource session = event.getSession();
    if (!session.isTransactionInProgress()) {
      return; // left on the entity for a flush inside a transaction
    }
    EntityEntry entry = event.getEntityEntry();
    collect(runtime, session, entity, names.of(entry.getPersister()), entry.getId());
  }

  /** Moves {@code entity}'s events into the buffer with their aggregate, then clears them. */
  static void collect(
      OutboxRuntime runtime,
      EventSource session,
      DomainEvents entity,
      String aggregateType,
      Object id) {
    String aggregateId = String.valueOf(id);
    Instant now = Instant.now();
    TraceContext trace = runtime.config().traceContext().current();
    for (Object e : entity.domainEvents()) {
      runtime.add(session, new PendingEvent(e, aggregateType, aggregateId, now, trace, null));
    }
    entity.clearDomainEvents();
  }
}
