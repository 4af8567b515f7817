package dev.pgmq.outbox.listener.spi;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.Message;
import dev.pgmq.outbox.EventTypes;
import dev.pgmq.outbox.OutboxEvent;
import dev.pgmq.outbox.consumer.MessageContext;
import dev.pgmq.outbox.listener.ListenerDefinitionException;
import dev.pgmq.outbox.listener.PgmqListener;
import jakarta.persistence.EntityManager;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One {@link PgmqListener} method, checked: what each parameter receives, the payload class and the
 * event type it takes ({@code null} for every message). Knows nothing of the container whose bean
 * declares it. Immutable.
 *
 * @param method the annotated method
 * @param settings its annotation
 * @param parameters what each parameter receives, in order
 * @param payloadType the class the payload is read as
 * @param eventType the event type the method takes, {@code null} for every message of the queue
 */
public record ListenerMethod(
    Method method,
    PgmqListener settings,
    List<ParameterKind> parameters,
    Class<?> payloadType,
    String eventType) {

  /**
   * Checks {@code method}.
   *
   * @throws ListenerDefinitionException naming the method and what is wrong
   */
  public static ListenerMethod of(Method method) {
    PgmqListener settings = method.getAnnotation(PgmqListener.class);
    String where = describe(method);
    if (Modifier.isStatic(method.getModifiers())) {
      throw new ListenerDefinitionException(where + " must not be static");
    }
    if (method.getTypeParameters().length > 0) {
      throw new ListenerDefinitionException(where + " must not be generic");
    }
    Type[] types = method.getGenericParameterTypes();
    List<ParameterKind> kinds = new ArrayList<>(types.length);
    Set<ParameterKind> seen = EnumSet.noneOf(ParameterKind.class);
    Class<?> payload = null;
    Class<?> messageType = null;
    for (int i = 0; i < types.length; i++) {
      Type type = types[i];
      ParameterKind kind = kindOf(type);
      if (kind == ParameterKind.PAYLOAD) {
        payload = payloadClass(type, where, i);
      } else if (kind == ParameterKind.TYPED_MESSAGE) {
        messageType =
            payloadClass(((ParameterizedType) type).getActualTypeArguments()[0], where, i);
        if (messageType == JsonNode.class) {
          kind = ParameterKind.RAW_MESSAGE;
        }
      }
      if (!seen.add(kind == ParameterKind.RAW_MESSAGE ? ParameterKind.TYPED_MESSAGE : kind)) {
        throw new ListenerDefinitionException(
            where
                + ": parameter "
                + (i + 1)
                + " ("
                + type.getTypeName()
                + ") is a second "
                + (kind == ParameterKind.PAYLOAD ? "payload" : type.getTypeName())
                + " parameter; a listener takes one payload and at most one Message,"
                + " MessageContext and EntityManager");
      }
      kinds.add(kind);
    }
    if (payload == null && messageType == null) {
      throw new ListenerDefinitionException(
          where + " has no payload parameter: declare one (or a Message<T>)");
    }
    if (payload != null && messageType != null && messageType != JsonNode.class) {
      if (messageType != payload) {
        throw new ListenerDefinitionException(
            where
                + ": Message<"
                + messageType.getSimpleName()
                + "> does not match the payload parameter's type "
                + payload.getName()
                + "; use Message<"
                + payload.getSimpleName()
                + "> or Message<JsonNode>");
      }
    }
    Class<?> payloadType = payload != null ? payload : messageType;
    return new ListenerMethod(
        method, settings, List.copyOf(kinds), payloadType, eventType(settings, payloadType));
  }

  /**
   * {@code @PgmqListener method com.acme.Shipping.ship(OrderPlaced, MessageContext)}, for messages.
   */
  public static String describe(Method method) {
    return "@PgmqListener method "
        + method.getDeclaringClass().getName()
        + "."
        + method.getName()
        + Arrays.stream(method.getParameterTypes())
            .map(Class::getSimpleName)
            .collect(Collectors.joining(", ", "(", ")"));
  }

  /** This method, for messages. */
  public String describe() {
    return describe(method);
  }

  private static ParameterKind kindOf(Type type) {
    Class<?> raw = rawClass(type);
    if (raw == MessageContext.class) {
      return ParameterKind.CONTEXT;
    }
    if (raw == EntityManager.class) {
      return ParameterKind.ENTITY_MANAGER;
    }
    if (raw == Message.class) {
      return type instanceof ParameterizedType
          ? ParameterKind.TYPED_MESSAGE
          : ParameterKind.RAW_MESSAGE;
    }
    return ParameterKind.PAYLOAD;
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return null;
  }

  private static Class<?> payloadClass(Type type, String where, int index) {
    String prefix = where + ": parameter " + (index + 1) + " (" + type.getTypeName() + ") ";
    if (!(type instanceof Class<?> c)) {
      if (type instanceof ParameterizedType p
          && p.getRawType() instanceof Class<?> raw
          && (Map.class.isAssignableFrom(raw) || Collection.class.isAssignableFrom(raw))) {
        return raw;
      }
      throw new ListenerDefinitionException(
          prefix
              + "cannot be a payload: use a class (a record, a POJO) or JsonNode, not a type"
              + " variable, wildcard or parameterized type");
    }
    if (c.isPrimitive()) {
      throw new ListenerDefinitionException(
          prefix + "cannot be a payload: a primitive; use a class (a record, a POJO) or JsonNode");
    }
    boolean abstractType = c.isInterface() || Modifier.isAbstract(c.getModifiers());
    if (abstractType
        && !JsonNode.class.isAssignableFrom(c)
        && !Map.class.isAssignableFrom(c)
        && !Collection.class.isAssignableFrom(c)
        && c.getAnnotation(JsonTypeInfo.class) == null) {
      throw new ListenerDefinitionException(
          prefix
              + "cannot be a payload: JSON cannot be read into an "
              + (c.isInterface() ? "interface" : "abstract class")
              + " without @JsonTypeInfo; use the concrete event class");
    }
    if (c == Object.class || c == Void.class) {
      throw new ListenerDefinitionException(
          prefix + "cannot be a payload: use the event class or JsonNode");
    }
    return c;
  }

  private static String eventType(PgmqListener settings, Class<?> payloadType) {
    String declared = settings.eventType().trim();
    if (declared.equals("*")) {
      return null;
    }
    if (!declared.isEmpty()) {
      return declared;
    }
    return payloadType.isAnnotationPresent(OutboxEvent.class) ? EventTypes.of(payloadType) : null;
  }
}
