package dev.pgmq.outbox.internal;

import dev.pgmq.outbox.OutboxException;
import dev.pgmq.outbox.OutboxSettings;
import dev.pgmq.outbox.internal.hibernate.OutboxFlushListener;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.util.Objects;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;

/**
 * Finds the outbox of an EntityManager: its Hibernate session and the runtime the outbox integrator
 * registered on the session's factory.
 */
public final class OutboxLookup {

  private OutboxLookup() {}

  /** The outbox of {@code entityManager}'s session. */
  public static SessionOutbox of(EntityManager entityManager) {
    Objects.requireNonNull(entityManager, "entityManager");
    SessionImplementor session;
    try {
      session = entityManager.unwrap(SessionImplementor.class);
    } catch (PersistenceException e) {
      throw new OutboxException("the outbox needs a Hibernate EntityManager", e);
    }
    return new SessionOutbox(session, runtimeOf(session));
  }

  private static OutboxRuntime runtimeOf(SessionImplementor session) {
    OutboxRuntime[] found = new OutboxRuntime[1];
    session
        .getFactory()
        .getServiceRegistry()
        .requireService(EventListenerRegistry.class)
        .getEventListenerGroup(EventType.FLUSH)
        .fireEventOnEachListener(
            found,
            (listener, holder) -> {
              if (listener instanceof OutboxFlushListener outbox) {
                holder[0] = outbox.runtime();
              }
            });
    if (found[0] == null) {
      throw new OutboxException(
          "the outbox is disabled for this persistence unit (" + OutboxSettings.ENABLED + ")");
    }
    return found[0];
  }
}
