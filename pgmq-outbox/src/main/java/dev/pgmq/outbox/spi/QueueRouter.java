package dev.pgmq.outbox.spi;

import dev.pgmq.outbox.OutboxEvent;
import dev.pgmq.outbox.internal.AnnotationQueueRouter;
import java.util.Objects;

/**
 * Decides where an event goes. Called at flush, once per event, on the flushing thread: must be
 * thread-safe, fast and free of I/O. Configure one with {@link
 * dev.pgmq.outbox.OutboxConfig.Builder#router(QueueRouter)} or the setting {@link
 * dev.pgmq.outbox.OutboxSettings#ROUTER}.
 *
 * <p>The default is {@link #annotations()}, followed by the configured default queue, if any. An
 * event for which the whole chain answers {@code null} fails the flush with {@link
 * dev.pgmq.outbox.UnroutableEventException}.
 */
@FunctionalInterface
public interface QueueRouter {

  /**
   * The destination of {@code event}, or {@code null} when this router does not know it.
   *
   * @param event the event as registered or published
   * @param eventType its type (see {@link dev.pgmq.outbox.EventTypes#of(Class)})
   */
  Destination route(Object event, String eventType);

  /** This router, and {@code next} for the events it does not know. */
  default QueueRouter orElse(QueueRouter next) {
    Objects.requireNonNull(next, "next");
    return (event, type) -> {
      Destination d = route(event, type);
      return d != null ? d : next.route(event, type);
    };
  }

  /**
   * Routes by {@link OutboxEvent} on the event's class: {@link OutboxEvent#topic()} sends to the
   * topic named by the event type, else {@link OutboxEvent#queue()} when given.
   */
  static QueueRouter annotations() {
    return AnnotationQueueRouter.INSTANCE;
  }

  /** Sends every event to {@code queue}. */
  static QueueRouter fixed(String queue) {
    Destination destination = Destination.queue(queue);
    return (event, type) -> destination;
  }
}
