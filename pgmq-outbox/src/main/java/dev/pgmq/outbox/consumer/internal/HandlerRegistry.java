package dev.pgmq.outbox.consumer.internal;

import dev.pgmq.outbox.consumer.MessageHandler;
import dev.pgmq.outbox.consumer.NoHandlerException;
import java.util.Map;
import java.util.Objects;

/** The handlers of a consumer: one default, and/or one per event type. Immutable. */
public final class HandlerRegistry {

  /** A handler and the payload type it takes. */
  public record Entry<T>(Class<T> payloadType, MessageHandler<T> handler) {

    /** Checks both are given. */
    public Entry {
      Objects.requireNonNull(payloadType, "payloadType");
      Objects.requireNonNull(handler, "handler");
    }

    /** Decodes the payload once, from its JSON text to the handler's type, and calls it. */
    void invoke(DefaultMessageContext context) throws Exception {
      handler.handle(context.delivery().payload(payloadType), context);
    }
  }

  private final String eventTypeHeader;
  private final Entry<?> defaultHandler;
  private final Map<String, Entry<?>> byEventType;

  /** With the header to dispatch on, an optional default handler, and handlers by type. */
  public HandlerRegistry(
      String eventTypeHeader, Entry<?> defaultHandler, Map<String, Entry<?>> byEventType) {
    this.eventTypeHeader = eventTypeHeader;
    this.defaultHandler = defaultHandler;
    this.byEventType = Map.copyOf(byEventType);
  }

  /** Whether no handler at all is registered. */
  boolean isEmpty() {
    return defaultHandler == null && byEventType.isEmpty();
  }

  /** The header holding the event type. */
  String eventTypeHeader() {
    return eventTypeHeader;
  }

  /**
   * Runs the handler for the message in {@code context}.
   *
   * @throws dev.pgmq.jpa.PgmqSerializationException when the payload cannot be read as the
   *     handler's type
   */
  void dispatch(DefaultMessageContext context) throws Exception {
    String type = context.eventType();
    Entry<?> entry = type == null ? null : byEventType.get(type);
    if (entry == null) {
      entry = defaultHandler;
    }
    if (entry == null) {
      throw new NoHandlerException(type);
    }
    entry.invoke(context);
  }
}
