package dev.pgmq.outbox.internal.hibernate;

import dev.pgmq.outbox.internal.OutboxRuntime;
import org.hibernate.event.spi.AutoFlushEvent;
import org.hibernate.event.spi.AutoFlushEventListener;
import org.hibernate.event.spi.FlushEvent;
import org.hibernate.event.spi.FlushEventListener;

/** After Hibernate's own flush (explicit, commit-time or auto), sends the transaction's events. */
public final class OutboxFlushListener implements FlushEventListener, AutoFlushEventListener {

  private final OutboxRuntime runtime;

  OutboxFlushListener(OutboxRuntime runtime) {
    this.runtime = runtime;
  }

  /** The outbox this listener sends for. */
  public OutboxRuntime runtime() {
    return runtime;
  }

  @Override
  public void onFlush(FlushEvent event) {
    runtime.flush(event.getSession());
  }

  @Override
  public void onAutoFlush(AutoFlushEvent event) {
    runtime.flush(event.getSession());
  }
}
