package dev.pgmq.cdi.internal;

import dev.pgmq.cdi.PgmqCdiException;
import dev.pgmq.jpa.PgmqConfig;
import dev.pgmq.outbox.consumer.PgmqConsumer;
import dev.pgmq.outbox.listener.ListenerDefinitionException;
import dev.pgmq.outbox.listener.spi.ParallelStop;
import dev.pgmq.outbox.listener.spi.StartRetries;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's listener consumers: checked and built at deployment, started when the
 * application scope is initialized (retried until their queues exist), stopped before it is
 * destroyed. Thread-safe.
 */
public final class ListenerRuntime {

  private static final Logger LOG = LoggerFactory.getLogger(ListenerRuntime.class);

  private final List<QueueListeners> queues;
  private final String how;
  private final ThreadFactory threads;
  private boolean started;
  private StartRetries retries;

  private ListenerRuntime(List<QueueListeners> queues, String how, ThreadFactory threads) {
    this.queues = queues;
    this.how = how;
    this.threads = threads;
  }

  /**
   * Builds one consumer per queue of {@code methods}, checking what is known without the queues:
   * the methods agree on their queue's settings and every setting is valid. The queues are checked
   * when the consumers start. Every problem found goes to {@code problems}.
   *
   * @return the runtime, or {@code null} when there were problems
   */
  public static ListenerRuntime prepare(
      List<ListenerMethod> methods, BeanManager beanManager, Consumer<Throwable> problems) {
    Map<String, List<ListenerMethod>> byQueue = new LinkedHashMap<>();
    for (ListenerMethod m : methods) {
      byQueue.computeIfAbsent(m.definition().settings().queue(), q -> new ArrayList<>()).add(m);
    }
    CdiTransactionRunner runner;
    PgmqConfig config;
    EntityManagerFactory factory;
    ThreadFactory managed = ManagedThreads.find(beanManager);
    try {
      runner = CdiTransactionRunner.create(beanManager);
      config = Configs.of(beanManager.createInstance().select(PgmqConfig.class));
      // the persistence unit itself, not a client proxy of a factory bean
      factory = runner.inTransaction(EntityManager::getEntityManagerFactory);
    } catch (Exception e) {
      problems.accept(
          new PgmqCdiException(
              "could not prepare the @PgmqListener methods "
                  + names(methods)
                  + ": "
                  + e.getMessage(),
              e));
      return null;
    }
    ThreadFactory threads = ManagedThreads.orDaemons(managed);
    List<QueueListeners> built = new ArrayList<>();
    for (Map.Entry<String, List<ListenerMethod>> entry : byQueue.entrySet()) {
      try {
        built.add(
            QueueListeners.build(
                entry.getKey(), entry.getValue(), beanManager, factory, runner, config, threads));
      } catch (ListenerDefinitionException e) {
        problems.accept(e);
      }
    }
    if (built.size() != byQueue.size()) {
      return null;
    }
    String how =
        runner.describe()
            + " transactions, "
            + (managed != null ? "the container's managed threads" : "daemon threads");
    return new ListenerRuntime(List.copyOf(built), how, threads);
  }

  /**
   * Starts every consumer. A consumer that cannot start (its queue or PGMQ itself is missing, the
   * database is unreachable) is reported with a warning and retried in the background with
   * exponential backoff (1 s doubling to 1 min) until it starts or {@link #stop()} is called: a
   * startup bean or a migration may create the queues after the application has started.
   */
  public synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    retries = new StartRetries(threads);
    for (QueueListeners queue : queues) {
      retries.start(
          names(queue.methods()),
          queue.queue(),
          queue::start,
          () ->
              LOG.info(
                  "started {} ({}, dead letters to '{}')",
                  names(queue.methods()),
                  how,
                  queue.consumer().deadLetterQueue()));
    }
  }

  /**
   * Stops every consumer gracefully and at the same time: reading stops, messages read but not yet
   * handled become visible again, running handlers get their shutdown timeout to commit. Pending
   * start retries are cancelled.
   */
  public void stop() {
    synchronized (this) {
      if (!started) {
        return;
      }
      started = false;
    }
    retries.close();
    if (Thread.currentThread().isInterrupted()) {
      return;
    }
    ParallelStop.stopAll(queues, QueueListeners::queue, QueueListeners::stop);
  }

  /** The consumer of each listener queue. */
  public List<PgmqConsumer> consumers() {
    return queues.stream().map(QueueListeners::consumer).toList();
  }

  /** Whether the consumers run. */
  public synchronized boolean isStarted() {
    return started;
  }

  private static String names(List<ListenerMethod> methods) {
    StringBuilder b = new StringBuilder();
    for (ListenerMethod m : methods) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(m.definition().describe());
    }
    return b.toString();
  }
}
