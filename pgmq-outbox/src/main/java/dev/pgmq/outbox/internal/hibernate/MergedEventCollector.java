package dev.pgmq.outbox.internal.hibernate;

import dev.pgmq.outbox.DomainEvents;
import dev.pgmq.outbox.internal.OutboxRuntime;
import java.util.Collection;
import org.hibernate.event.spi.EventSource;
import org.hibernate.event.spi.MergeContext;
import org.hibernate.event.spi.MergeEvent;
import org.hibernate.event.spi.MergeEventListener;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Takes the events of a detached instance passed to {@code merge} (the managed copy does not carry
 * {@code @Transient} state) into the transaction's buffer, under the managed copy's identity.
 */
final class MergedEventCollector implements MergeEventListener {

  private final OutboxRuntime runtime;
  private final JpaEntityNames names;

  MergedEventCollector(OutboxRuntime runtime, JpaEntityNames names) {
    this.runtime = runtime;
    this.names = names;
  }

  @Override
  public void onMerge(MergeEvent event) {
    collect(event);
  }

  @Override
  public void onMerge(MergeEvent event, MergeContext copiedAlready) {
    collect(event);
  }

  private void collect(MergeEvent event) {
    Object result = event.getResult();
    if (!(event.getOriginal() instanceof DomainEvents detached)
        || result == null
        || result == detached) {
      return;
    }
    Collection<?> events = detached.domainEvents();
    if (events == null || events.isEmpty()) {
      return;
    }
    EventSource session = event.getSession();
    if (!session.isTransactionInProgress()) {
      return;
    }
    EntityPersister persister = session.getEntityPersister(event.getEntityName(), result);
    Object id = persister.getIdentifier(result, session);
    EntityEventCollector.collect(runtime, session, detached, names.of(persister), id);
  }
}
