package dev.pgmq.outbox.cdi.internal;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqConfig;
import dev.pgmq.jpa.QueueInfo;
import dev.pgmq.outbox.cdi.ListenerDefinitionException;
import dev.pgmq.outbox.cdi.PgmqCdiException;
import dev.pgmq.outbox.consumer.PgmqConsumer;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's listener consumers: checked and built at deployment, started when the
 * application scope is initialized, stopped before it is destroyed. Thread-safe.
 */
public final class ListenerRuntime {

  private static final Logger LOG = LoggerFactory.getLogger(ListenerRuntime.class);

  private final List<QueueListeners> queues;
  private final String transactions;
  private boolean started;

  private ListenerRuntime(List<QueueListeners> queues, String transactions) {
    this.queues = queues;
    this.transactions = transactions;
  }

  /**
   * Checks {@code methods} against the database (their queues must exist) and builds one consumer
   * per queue. Every problem found goes to {@code problems}.
   *
   * @return the runtime, or {@code null} when there were problems
   */
  public static ListenerRuntime prepare(
      List<ListenerMethod> methods, BeanManager beanManager, Consumer<Throwable> problems) {
    Map<String, List<ListenerMethod>> byQueue = new LinkedHashMap<>();
    for (ListenerMethod m : methods) {
      byQueue.computeIfAbsent(m.settings().queue(), q -> new ArrayList<>()).add(m);
    }
    CdiTransactionRunner runner;
    PgmqConfig config;
    EntityManagerFactory factory;
    Set<String> existing = new TreeSet<>();
    try {
      runner = CdiTransactionRunner.create(beanManager);
      config = Configs.of(beanManager.createInstance().select(PgmqConfig.class));
      factory =
          runner.inTransaction(
              em -> {
                for (QueueInfo queue : Pgmq.using(em, config).listQueues()) {
                  existing.add(queue.queueName());
                }
                return em.getEntityManagerFactory();
              });
    } catch (Exception e) {
      problems.accept(
          new PgmqCdiException(
              "could not check the queues of the @PgmqListener methods "
                  + names(methods)
                  + ": "
                  + e.getMessage(),
              e));
      return null;
    }
    List<QueueListeners> built = new ArrayList<>();
    for (Map.Entry<String, List<ListenerMethod>> entry : byQueue.entrySet()) {
      String queue = entry.getKey();
      if (!existing.contains(queue)) {
        problems.accept(
            new ListenerDefinitionException(
                names(entry.getValue())
                    + ": queue '"
                    + queue
                    + "' does not exist (existing queues: "
                    + existing
                    + "); create it before the application starts, or fix the name"));
        continue;
      }
      try {
        built.add(
            QueueListeners.build(queue, entry.getValue(), beanManager, factory, runner, config));
      } catch (ListenerDefinitionException e) {
        problems.accept(e);
      }
    }
    return built.size() == byQueue.size()
        ? new ListenerRuntime(List.copyOf(built), runner.describe())
        : null;
  }

  /** Starts every consumer; when one fails to start, stops those started and rethrows. */
  public synchronized void start() {
    if (started) {
      return;
    }
    List<QueueListeners> running = new ArrayList<>();
    try {
      for (QueueListeners queue : queues) {
        queue.start();
        running.add(queue);
        LOG.info(
            "started {} ({} transactions, dead letters to '{}')",
            names(queue.methods()),
            transactions,
            queue.consumer().deadLetterQueue());
      }
      started = true;
    } catch (RuntimeException e) {
      running.forEach(QueueListeners::stop);
      throw e;
    }
  }

  /**
   * Stops every consumer gracefully and at the same time: reading stops, messages read but not yet
   * handled become visible again, running handlers get their shutdown timeout to commit.
   */
  public synchronized void stop() {
    if (!started) {
      return;
    }
    started = false;
    List<Thread> stopping = new ArrayList<>();
    for (QueueListeners queue : queues) {
      Thread t =
          new Thread(
              () -> {
                if (!queue.stop()) {
                  LOG.warn("listeners of queue '{}' did not stop in time", queue.queue());
                }
              },
              "pgmq-stop-" + queue.queue());
      t.start();
      stopping.add(t);
    }
    for (Thread t : stopping) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
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
      b.append(m.describe());
    }
    return b.toString();
  }
}
