package dev.pgmq.outbox.listener.spi;

import dev.pgmq.outbox.consumer.MessageContext;
import dev.pgmq.outbox.consumer.MessageHandler;
import dev.pgmq.outbox.consumer.internal.DefaultMessageContext;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Calls one listener method, on the instance {@code target} supplies at each call, with the
 * arguments it declared; what the method throws is rethrown unchanged. Thread-safe when {@code
 * target} is.
 */
public final class ListenerInvoker implements MessageHandler<Object> {

  private final ListenerMethod listener;
  private final Supplier<Object> target;

  /** Calls {@code listener} on the instances {@code target} returns. */
  public ListenerInvoker(ListenerMethod listener, Supplier<Object> target) {
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
            case TYPED_MESSAGE -> DefaultMessageContext.withPayload(context, payload);
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
}
