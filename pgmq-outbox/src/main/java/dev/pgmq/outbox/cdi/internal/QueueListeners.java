package dev.pgmq.outbox.cdi.internal;

import dev.pgmq.jpa.PgmqConfig;
import dev.pgmq.outbox.cdi.ListenerDefinitionException;
import dev.pgmq.outbox.cdi.PgmqListener;
import dev.pgmq.outbox.consumer.Backoff;
import dev.pgmq.outbox.consumer.PgmqConsumer;
import dev.pgmq.outbox.consumer.PgmqConsumerBuilder;
import dev.pgmq.outbox.consumer.spi.TransactionRunner;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Collectors;

/** The listener methods of one queue and the consumer that runs them (built, not started). */
final class QueueListeners {

  private final String queue;
  private final List<ListenerMethod> methods;
  private final List<BeanTarget> targets;
  private final PgmqConsumer consumer;

  private QueueListeners(
      String queue, List<ListenerMethod> methods, List<BeanTarget> targets, PgmqConsumer consumer) {
    this.queue = queue;
    this.methods = methods;
    this.targets = targets;
    this.consumer = consumer;
  }

  /**
   * Checks that the methods of {@code queue} agree and builds their consumer.
   *
   * @throws ListenerDefinitionException naming the method(s) and the setting
   */
  static QueueListeners build(
      String queue,
      List<ListenerMethod> methods,
      BeanManager beanManager,
      EntityManagerFactory factory,
      TransactionRunner runner,
      PgmqConfig config,
      ThreadFactory threads) {
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
    PgmqConsumerBuilder builder;
    try {
      builder =
          PgmqConsumer.builder(factory)
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
              .shutdownTimeout(Durations.parse(s.shutdownTimeout(), "shutdownTimeout"))
              .transactionRunner(runner)
              .threadFactory(threads)
              .config(config);
      if (!s.deadLetterQueue().isBlank()) {
        builder.deadLetterQueue(s.deadLetterQueue());
      }
      for (Class<? extends Throwable> type : s.nonRetryable()) {
        builder.nonRetryable(type);
      }
    } catch (RuntimeException invalid) {
      throw invalid(methods, invalid);
    }
    List<BeanTarget> targets =
        methods.stream().map(m -> new BeanTarget(m.bean(), beanManager)).toList();
    ListenerMethod catchAll = null;
    for (int i = 0; i < methods.size(); i++) {
      ListenerMethod m = methods.get(i);
      ListenerInvoker invoker = new ListenerInvoker(m, targets.get(i));
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
    PgmqConsumer consumer;
    try {
      consumer = builder.build();
    } catch (RuntimeException invalid) {
      throw invalid(methods, invalid);
    }
    return new QueueListeners(queue, List.copyOf(methods), targets, consumer);
  }

  String queue() {
    return queue;
  }

  List<ListenerMethod> methods() {
    return methods;
  }

  PgmqConsumer consumer() {
    return consumer;
  }

  /**
   * Obtains the bean instances and starts the consumer; when it cannot start, releases them again
   * (the start may be retried).
   */
  void start() {
    targets.forEach(BeanTarget::start);
    try {
      consumer.start();
    } catch (RuntimeException e) {
      targets.forEach(BeanTarget::release);
      throw e;
    }
  }

  /** Stops the consumer gracefully, then releases the bean instances. */
  boolean stop() {
    try {
      consumer.close();
      return !consumer.isRunning();
    } finally {
      targets.forEach(BeanTarget::release);
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
