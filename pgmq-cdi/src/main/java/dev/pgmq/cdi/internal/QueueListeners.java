package dev.pgmq.cdi.internal;

import dev.pgmq.jpa.PgmqConfig;
import dev.pgmq.outbox.consumer.PgmqConsumer;
import dev.pgmq.outbox.consumer.PgmqConsumerBuilder;
import dev.pgmq.outbox.consumer.spi.ConsumerListener;
import dev.pgmq.outbox.consumer.spi.TransactionRunner;
import dev.pgmq.outbox.listener.ListenerDefinitionException;
import dev.pgmq.outbox.listener.spi.ListenerConsumers;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

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
    List<BeanTarget> targets =
        methods.stream().map(m -> new BeanTarget(m.bean(), beanManager)).toList();
    List<ListenerConsumers.Endpoint> endpoints = new ArrayList<>();
    for (int i = 0; i < methods.size(); i++) {
      endpoints.add(new ListenerConsumers.Endpoint(methods.get(i).definition(), targets.get(i)));
    }
    PgmqConsumerBuilder base =
        PgmqConsumer.builder(factory)
            .transactionRunner(runner)
            .threadFactory(threads)
            .config(config);
    // the application's ConsumerListener beans (metrics, tracing) observe every listener queue
    beanManager.createInstance().select(ConsumerListener.class).forEach(base::listener);
    PgmqConsumer consumer = ListenerConsumers.build(queue, endpoints, base);
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
}
