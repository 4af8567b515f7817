package dev.pgmq.outbox.consumer.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgmq.jpa.PgmqSerializationException;
import dev.pgmq.outbox.consumer.MessageContext;
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

    void invoke(ObjectMapper mapper, MessageContext context) throws Exception {
      handler.handle(payload(mapper, context.message().message()), context);
    }

    private T payload(ObjectMapper mapper, JsonNode json) {
      if (payloadType.isInstance(json)) {
        return payloadType.cast(json);
      }
      try {
        return mapper.treeToValue(json, payloadType);
      } catch (JsonProcessingException | IllegalArgumentException e) {
        throw new PgmqSerializationException(
            "payload cannot be read as " + payloadType.getName() + ": " + e.getMessage(), e);
      }
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

  /** Runs the handler for the message in {@code context}. */
  void dispatch(ObjectMapper mapper, MessageContext context) throws Exception {
    String type = context.eventType();
    Entry<?> entry = type == null ? null : byEventType.get(type);
    if (entry == null) {
      entry = defaultHandler;
    }
    if (entry == null) {
      throw new NoHandlerException(type);
    }
    entry.invoke(mapper, context);
  }
}
