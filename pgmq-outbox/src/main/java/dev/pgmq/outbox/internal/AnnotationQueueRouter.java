package dev.pgmq.outbox.internal;

import dev.pgmq.outbox.OutboxEvent;
import dev.pgmq.outbox.spi.Destination;
import dev.pgmq.outbox.spi.QueueRouter;

/** Routes by {@link OutboxEvent} on the event class; queue routes cached per class. */
public final class AnnotationQueueRouter implements QueueRouter {

  /** The one instance. */
  public static final AnnotationQueueRouter INSTANCE = new AnnotationQueueRouter();

  private static final Destination NONE = Destination.queue("-");

  private static final ClassValue<Destination> QUEUES =
      new ClassValue<>() {
        @Override
        protected Destination computeValue(Class<?> type) {
          OutboxEvent annotation = type.getAnnotation(OutboxEvent.class);
          if (annotation == null || annotation.topic() || annotation.queue().isBlank()) {
            return NONE;
          }
          return Destination.queue(annotation.queue().trim());
        }
      };

  private static final ClassValue<Boolean> TOPICS =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          OutboxEvent annotation = type.getAnnotation(OutboxEvent.class);
          return annotation != null && annotation.topic();
        }
      };

  private AnnotationQueueRouter() {}

  @Override
  public Destination route(Object event, String eventType) {
    Class<?> type = event.getClass();
    if (TOPICS.get(type)) {
      return Destination.topic(eventType);
    }
    Destination queue = QUEUES.get(type);
    return queue == NONE ? null : queue;
  }
}
