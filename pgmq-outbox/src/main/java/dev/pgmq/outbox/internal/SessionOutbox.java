package dev.pgmq.outbox.internal;

import dev.pgmq.outbox.EnvelopeHeaders;
import dev.pgmq.outbox.Outbox;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.engine.spi.SessionImplementor;

/** {@link Outbox} over one Hibernate session: buffers explicit publishes in its transaction. */
public final class SessionOutbox implements Outbox {

  private final SessionImplementor session;
  private final OutboxRuntime runtime;

  SessionOutbox(SessionImplementor session, OutboxRuntime runtime) {
    this.session = session;
    this.runtime = runtime;
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
