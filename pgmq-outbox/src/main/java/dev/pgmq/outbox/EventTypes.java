package dev.pgmq.outbox;

import java.util.Objects;

/**
 * How an event class maps to its event type, the value of {@link EnvelopeHeaders#EVENT_TYPE}.
 * Publishers and consumers use the same rule. Thread-safe; results are cached per class.
 */
public final class EventTypes {

  private static final ClassValue<String> TYPES =
      new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
          OutboxEvent annotation = type.getAnnotation(OutboxEvent.class);
          if (annotation != null && !annotation.type().isBlank()) {
            return annotation.type().trim();
          }
          String canonical = type.getCanonicalName();
          return canonical != null ? canonical : type.getName().replace('$', '.');
        }
      };

  private static final ClassValue<Integer> VERSIONS =
      new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
          OutboxEvent annotation = type.getAnnotation(OutboxEvent.class);
          return annotation == null ? 1 : annotation.version();
        }
      };

  private EventTypes() {}

  /**
   * The event type of {@code eventClass}: {@link OutboxEvent#type()} when given, else the class's
   * canonical name ({@code com.acme.orders.OrderPlaced}; nested classes joined with a dot). The
   * default is stable as long as the class is not renamed or moved; name the type explicitly for
   * events that consumers in other languages read.
   */
  public static String of(Class<?> eventClass) {
    return TYPES.get(Objects.requireNonNull(eventClass, "eventClass"));
  }

  /** The schema version of {@code eventClass}: {@link OutboxEvent#version()}, else 1. */
  public static int versionOf(Class<?> eventClass) {
    return VERSIONS.get(Objects.requireNonNull(eventClass, "eventClass"));
  }
}
