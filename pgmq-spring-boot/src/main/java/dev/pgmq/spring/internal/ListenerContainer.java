package dev.pgmq.spring.internal;

import dev.pgmq.jpa.PgmqConfig;
import dev.pgmq.outbox.consumer.PgmqConsumer;
import dev.pgmq.outbox.consumer.PgmqConsumerBuilder;
import dev.pgmq.outbox.consumer.spi.ConsumerListener;
import dev.pgmq.outbox.consumer.spi.TransactionRunner;
import dev.pgmq.outbox.listener.ListenerDefinitionException;
import dev.pgmq.outbox.listener.PgmqListener;
import dev.pgmq.outbox.listener.spi.ListenerConsumers;
import dev.pgmq.outbox.listener.spi.ListenerMethod;
import dev.pgmq.outbox.listener.spi.ParallelStop;
import dev.pgmq.outbox.listener.spi.StartRetries;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The consumers of the application's {@link PgmqListener} methods, one per queue: built from the
 * methods {@link ListenerScanner} found, started with the context and stopped in the
 * graceful-shutdown phase, before the web server and long before the {@code EntityManagerFactory}
 * and {@code DataSource} go. Thread-safe.
 */
public final class ListenerContainer implements SmartLifecycle {

  /** Stops with the web server's graceful shutdown (Spring Boot's phase for it). */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

  private static final Logger LOG = LoggerFactory.getLogger(ListenerContainer.class);

  private final List<PgmqConsumer> consumers;
  private final Map<PgmqConsumer, String> names;
  private final boolean autoStartup;
  private static final ThreadFactory RETRY_THREADS =
      r -> {
        Thread t = new Thread(r);
        t.setDaemon(true);
        return t;
      };

  private volatile boolean running;
  private StartRetries retries;

  private ListenerContainer(Map<PgmqConsumer, String> names, boolean autoStartup) {
    this.names = names;
    this.consumers = List.copyOf(names.keySet());
    this.autoStartup = autoStartup;
  }

  /**
   * Builds one consumer per queue of {@code endpoints}.
   *
   * @param threadFactory the threads of the consumers, or {@code null} for their own
   * @throws ListenerDefinitionException naming the method and what is wrong
   */
  public static ListenerContainer build(
      List<ListenerConsumers.Endpoint> endpoints,
      EntityManagerFactory entityManagerFactory,
      TransactionRunner transactions,
      PgmqConfig config,
      List<ConsumerListener> observers,
      Function<String, ThreadFactory> threadFactory,
      boolean autoStartup) {
    Map<String, List<ListenerConsumers.Endpoint>> byQueue = new LinkedHashMap<>();
    for (ListenerConsumers.Endpoint e : endpoints) {
      byQueue.computeIfAbsent(e.method().settings().queue(), q -> new ArrayList<>()).add(e);
    }
    Map<PgmqConsumer, String> consumers = new LinkedHashMap<>();
    for (Map.Entry<String, List<ListenerConsumers.Endpoint>> queue : byQueue.entrySet()) {
      PgmqConsumerBuilder builder =
          PgmqConsumer.builder(entityManagerFactory).transactionRunner(transactions).config(config);
      observers.forEach(builder::listener);
      ThreadFactory threads = threadFactory.apply(queue.getKey());
      if (threads != null) {
        builder.threadFactory(threads);
      }
      PgmqConsumer consumer = ListenerConsumers.build(queue.getKey(), queue.getValue(), builder);
      consumers.put(consumer, describe(queue.getValue()));
    }
    return new ListenerContainer(consumers, autoStartup);
  }

  /** The consumers, one per queue. */
  public List<PgmqConsumer> consumers() {
    return consumers;
  }

  /**
   * Starts every consumer. One that cannot start (its queue or PGMQ is missing, the database does
   * not answer) is reported with a warning and retried in the background with backoff until it
   * starts or the container stops, as {@code @PgmqListener} promises in every container.
   */
  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    retries = new StartRetries(RETRY_THREADS);
    for (PgmqConsumer consumer : consumers) {
      retries.start(
          names.get(consumer),
          consumer.queue(),
          consumer::start,
          () ->
              LOG.info(
                  "started {} (Spring transactions, dead letters to '{}')",
                  names.get(consumer),
                  consumer.deadLetterQueue()));
    }
  }

  /**
   * Stops every consumer gracefully and at once: pending start retries are cancelled, reading
   * stops, messages read but not started become visible again, running handlers get their shutdown
   * timeout to commit.
   */
  @Override
  public void stop() {
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
    }
    retries.close();
    ParallelStop.stopAll(
        consumers,
        PgmqConsumer::queue,
        consumer -> {
          consumer.close();
          return !consumer.isRunning();
        });
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public boolean isAutoStartup() {
    return autoStartup;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  private static String describe(List<ListenerConsumers.Endpoint> endpoints) {
    StringBuilder b = new StringBuilder();
    for (ListenerConsumers.Endpoint e : endpoints) {
      ListenerMethod m = e.method();
      b.append(b.length() == 0 ? "" : ", ").append(m.describe());
    }
    return b.toString();
  }
}
