package dev.pgmq.outbox.cdi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.Message;
import dev.pgmq.outbox.consumer.MessageContext;
import dev.pgmq.outbox.consumer.MessageHandler;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.function.Supplier;

/** Calls one listener method with the arguments it declared. Thread-safe. */
final class ListenerInvoker implements MessageHandler<Object> {

  private final ListenerMethod listener;
  private final Supplier<Object> target;

  ListenerInvoker(ListenerMethod listener, Supplier<Object> target) {
    this.listener = listener;
    this.target = target;
    listener.method().setAccessible(true);
  }

  @Override
  public void handle(Object payload, MessageContext context) throws Exception {
    List<ParameterKind> kinds = listener.parameters();
    Object[] args = new Object[kinds.size()];
    for (int i = 0; i < args.length; i++) {
      args[i] =
          switch (kinds.get(i)) {
            case PAYLOAD -> payload;
            case RAW_MESSAGE -> context.message();
            case TYPED_MESSAGE -> typed(context.message(), payload);
            case CONTEXT -> context;
            case ENTITY_MANAGER -> context.entityManager();
          };
    }
    try {
      listener.method().invoke(target.get(), args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception exception) {
        throw exception;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  private static Message<Object> typed(Message<JsonNode> raw, Object payload) {
    return new Message<>(
        raw.msgId(),
        raw.readCt(),
        raw.enqueuedAt(),
        raw.lastReadAt(),
        raw.vt(),
        payload,
        raw.headers());
  }
}
