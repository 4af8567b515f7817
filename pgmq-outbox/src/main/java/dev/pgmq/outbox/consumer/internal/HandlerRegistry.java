package dev.pgmq.outbox.consumer.internal;

import dev.pgmq.jpa.Message;
import dev.pgmq.outbox.consumer.BatchHandler;
import dev.pgmq.outbox.consumer.MessageHandler;
import dev.pgmq.outbox.consumer.NoHandlerException;
import jakarta.persistence.EntityManager;
import java.util.List;
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

  /** A batch handler and the payload type it takes. */
  public record Batch<T>(Class<T> payloadType, BatchHandler<T> handler) {

    /** Checks both are given. */
    public Batch {
      Objects.requireNonNull(payloadType, "payloadType");
      Objects.requireNonNull(handler, "handler");
    }

    /** The message with its payload decoded once, from its JSON text to the payload type. */
    Message<T> decode(Delivery message) {
      return message.withPayload(message.payload(payloadType));
    }

    @SuppressWarnings("unchecked")
    void invoke(List<Message<?>> messages, EntityManager em) throws Exception {
      handler.handle((List<Message<T>>) (List<?>) messages, em);
    }
  }

  private final String eventTypeHeader;
  private final Entry<?> defaultHandler;
  private final Map<String, Entry<?>> byEventType;
  private final Batch<?> batch;

  /** With the header to dispatch on, an optional default handler, and handlers by type. */
  public HandlerRegistry(
      String eventTypeHeader, Entry<?> defaultHandler, Map<String, Entry<?>> byEventType) {
    this(eventTypeHeader, defaultHandler, byEventType, null);
  }

  /**
   * As above, or with a batch handler (may be null) that takes every message instead.
   *
   * @throws IllegalArgumentException when both a batch handler and message handlers are given
   */
  public HandlerRegistry(
      String eventTypeHeader,
      Entry<?> defaultHandler,
      Map<String, Entry<?>> byEventType,
      Batch<?> batch) {
    if (batch != null && (defaultHandler != null || !byEventType.isEmpty())) {
      throw new IllegalArgumentException(
          "batchHandler: a batch handler takes every message; register it without handler/on");
    }
    this.eventTypeHeader = eventTypeHeader;
    this.defaultHandler = defaultHandler;
    this.byEventType = Map.copyOf(byEventType);
    this.batch = batch;
  }

  /** Whether no handler at all is registered. */
  boolean isEmpty() {
    return defaultHandler == null && byEventType.isEmpty() && batch == null;
  }

  /** The batch handler, or {@code null} when messages are handled one by one. */
  Batch<?> batch() {
    return batch;
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
