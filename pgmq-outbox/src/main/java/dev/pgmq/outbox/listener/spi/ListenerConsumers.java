package dev.pgmq.outbox.listener.spi;

import dev.pgmq.outbox.consumer.Backoff;
import dev.pgmq.outbox.consumer.PgmqConsumer;
import dev.pgmq.outbox.consumer.PgmqConsumerBuilder;
import dev.pgmq.outbox.listener.ListenerDefinitionException;
import dev.pgmq.outbox.listener.PgmqListener;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Builds the one consumer that runs the {@link PgmqListener} methods of a queue, for a container
 * integration (CDI, Spring): the integration finds the methods, supplies the bean instances and a
 * builder that already carries its transactions ({@link
 * dev.pgmq.outbox.consumer.spi.TransactionRunner}), PGMQ settings and observers; this class applies
 * the annotation's settings and registers one handler per method, so every integration gives the
 * annotation the same meaning. Stateless.
 */
public final class ListenerConsumers {

  /**
   * A listener method and where its bean instance comes from.
   *
   * @param method the checked method
   * @param target the instance to call it on, asked at each message; must be thread-safe
   */
  public record Endpoint(ListenerMethod method, Supplier<Object> target) {

    /** Checks that both are given. */
    public Endpoint {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(target, "target");
    }
  }

  private ListenerConsumers() {}

  /**
   * Checks that the methods of {@code queue} agree on every consumer setting, applies those
   * settings and the methods' handlers to {@code builder}, and builds the consumer (not started).
   *
   * @param builder a builder with the integration's transaction runner and settings; its queue,
   *     handlers and annotation-backed settings are set here
   * @throws ListenerDefinitionException naming the method(s) and the setting that is wrong
   */
  public static PgmqConsumer build(
      String queue, List<Endpoint> endpoints, PgmqConsumerBuilder builder) {
    List<ListenerMethod> methods = endpoints.stream().map(Endpoint::method).toList();
    ListenerMethod first = methods.get(0);
    for (ListenerMethod other : methods.subList(1, methods.size())) {
      String differing = differingSetting(first.settings(), other.settings());
      if (differing != null) {
        throw new ListenerDefinitionException(
            "the listeners of queue '"
                + queue
                + "' share one consumer and must agree on its settings, but "
                + first.describe()
                + " and "
                + other.describe()
                + " differ in '"
                + differing
                + "'");
      }
    }
    PgmqListener s = first.settings();
    try {
      builder
          .queue(queue)
          .concurrency(s.concurrency())
          .visibilityTimeout(Durations.parse(s.vt(), "vt"))
          .batchSize(s.batchSize())
          .maxAttempts(s.maxAttempts())
          .backoff(
              Backoff.exponential(
                  Durations.parse(s.backoffInitial(), "backoffInitial"),
                  Durations.parse(s.backoffMax(), "backoffMax")))
          .readMode(s.readMode())
          .ackMode(s.ackMode())
          .pollStrategy(s.pollStrategy())
          .maxPoll(Durations.parse(s.maxPoll(), "maxPoll"))
          .extendVisibility(s.extendVisibility())
          .shutdownTimeout(Durations.parse(s.shutdownTimeout(), "shutdownTimeout"));
      if (!s.deadLetterQueue().isBlank()) {
        builder.deadLetterQueue(s.deadLetterQueue());
      }
      for (Class<? extends Throwable> type : s.nonRetryable()) {
        builder.nonRetryable(type);
      }
    } catch (RuntimeException invalid) {
      throw invalid(methods, invalid);
    }
    ListenerMethod catchAll = null;
    for (Endpoint endpoint : endpoints) {
      ListenerMethod m = endpoint.method();
      ListenerInvoker invoker = new ListenerInvoker(m, endpoint.target());
      if (m.eventType() == null) {
        if (catchAll != null) {
          throw new ListenerDefinitionException(
              catchAll.describe()
                  + " and "
                  + m.describe()
                  + " both take every message of queue '"
                  + queue
                  + "'; give each an eventType (or annotate the payload classes @OutboxEvent)");
        }
        catchAll = m;
        handler(builder, m.payloadType(), invoker);
      } else {
        try {
          on(builder, m.eventType(), m.payloadType(), invoker);
        } catch (IllegalArgumentException duplicate) {
          throw new ListenerDefinitionException(
              m.describe()
                  + ": another listener of queue '"
                  + queue
                  + "' already takes event type '"
                  + m.eventType()
                  + "'",
              duplicate);
        }
      }
    }
    try {
      return builder.build();
    } catch (RuntimeException invalid) {
      throw invalid(methods, invalid);
    }
  }

  private static <T> void handler(
      PgmqConsumerBuilder builder, Class<T> type, ListenerInvoker invoker) {
    builder.handler(type, (payload, context) -> invoker.handle(payload, context));
  }

  private static <T> void on(
      PgmqConsumerBuilder builder, String eventType, Class<T> type, ListenerInvoker invoker) {
    builder.on(eventType, type, (payload, context) -> invoker.handle(payload, context));
  }

  private static ListenerDefinitionException invalid(
      List<ListenerMethod> methods, RuntimeException cause) {
    String names =
        methods.stream().map(ListenerMethod::describe).collect(Collectors.joining(" and "));
    return new ListenerDefinitionException(
        names + " has an invalid setting: " + cause.getMessage(), cause);
  }

  private static String differingSetting(PgmqListener a, PgmqListener b) {
    for (Method attribute : PgmqListener.class.getDeclaredMethods()) {
      if (attribute.getName().equals("eventType")) {
        continue;
      }
      Object x = value(attribute, a);
      Object y = value(attribute, b);
      boolean same =
          x instanceof Object[] xs && y instanceof Object[] ys
              ? Arrays.equals(xs, ys)
              : Objects.equals(x, y);
      if (!same) {
        return attribute.getName();
      }
    }
    return null;
  }

  private static Object value(Method attribute, PgmqListener annotation) {
    try {
      return attribute.invoke(annotation);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(e);
    }
  }
}
