package dev.pgmq.outbox.internal;

import dev.pgmq.outbox.EnvelopeHeaders;
import dev.pgmq.outbox.Outbox;
import dev.pgmq.outbox.OutboxException;
import dev.pgmq.outbox.OutboxSettings;
import dev.pgmq.outbox.internal.hibernate.OutboxFlushListener;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;

/** {@link Outbox} over one Hibernate session: buffers explicit publishes in its transaction. */
public final class SessionOutbox implements Outbox {

  private final SessionImplementor session;
  private final OutboxRuntime runtime;

  private SessionOutbox(SessionImplementor session, OutboxRuntime runtime) {
    this.session = session;
    this.runtime = runtime;
  }

  /** The outbox of {@code entityManager}'s session. */
  public static Outbox of(EntityManager entityManager) {
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

  /** The outbox runtime of the session's factory. */
  public OutboxRuntime runtime() {
    return runtime;
  }

  @Override
  public void publish(Object event) {
    publish(event, null);
  }

  @Override
  public void publish(Object event, Map<String, ?> headers) {
    Objects.requireNonNull(event, "event");
    Map<String, ?> copy = null;
    if (headers != null && !headers.isEmpty()) {
      copy = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
      Object id = copy.get(EnvelopeHeaders.EVENT_ID);
      if (id != null) {
        UUID.fromString(id.toString());
      }
    }
    runtime.add(
        session,
        new PendingEvent(
            event, null, null, Instant.now(), runtime.config().traceContext().current(), copy));
  }
}
