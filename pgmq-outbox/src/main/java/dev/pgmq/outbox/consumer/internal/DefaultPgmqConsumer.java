package dev.pgmq.outbox.consumer.internal;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.spi.InsertNotifications;
import dev.pgmq.outbox.consumer.DeadLetters;
import dev.pgmq.outbox.consumer.PgmqConsumer;
import dev.pgmq.outbox.consumer.PollStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer: starts and stops the worker, listener and visibility-extension threads (all from
 * the settings' thread factory).
 */
public final class DefaultPgmqConsumer implements PgmqConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultPgmqConsumer.class);

  private enum State {
    NEW,
    RUNNING,
    STOPPING,
    STOPPED
  }

  private final ConsumerSettings settings;
  private final String queue;
  private final String deadLetterQueue;
  private final List<Thread> workerThreads = new ArrayList<>();
  private volatile State state = State.NEW;
  private volatile boolean abandoned;
  private boolean stoppedInTime = true;
  private NotifyListener notifyListener;
  private Thread notifyThread;
  private ScheduledExecutorService extender;

  /** A consumer with validated settings; not started. */
  public DefaultPgmqConsumer(ConsumerSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.queue = settings.queue();
    this.deadLetterQueue = settings.deadLetterQueue();
  }

  @Override
  public String queue() {
    return queue;
  }

  @Override
  public String deadLetterQueue() {
    return deadLetterQueue;
  }

  @Override
  public synchronized void start() {
    if (state != State.NEW) {
      throw new IllegalStateException("consumer of '" + queue() + "' was already started");
    }
    boolean notifyEnabled =
        Transactions.call(
            settings.transactionRunner(),
            em -> {
              Pgmq pgmq = Pgmq.using(em, settings.config());
              pgmq.metrics(settings.queue()); // fails fast when the queue does not exist
              String dlq = settings.deadLetterQueue();
              // creating needs CREATE on schema pgmq even when the queue exists: only when missing
              if (pgmq.listQueues().stream().noneMatch(q -> q.queueName().equals(dlq))) {
                pgmq.createQueue(dlq);
              }
              return settings.pollStrategy() != PollStrategy.POLL
                  && InsertNotifications.enabled(em, settings.queue());
            });
    boolean listen =
        settings.pollStrategy() == PollStrategy.LISTEN
            || (settings.pollStrategy() == PollStrategy.AUTO && notifyEnabled);
    if (listen && !notifyEnabled) {
      LOG.warn(
          "pollStrategy LISTEN but insert notifications are not enabled for '{}'"
              + " (pgmq.enable_notify_insert): idle workers read every maxPoll ({})",
          queue(),
          settings.maxPoll());
    }
    if (listen) {
      notifyListener =
          new NotifyListener(
              settings.queue(), settings.notifyConnectionFactory(), this::probeNotification);
      notifyThread = thread(notifyListener, "pgmq-listen-" + queue());
    }
    Listeners listeners = new Listeners(settings.listeners());
    MessageProcessor processor = new MessageProcessor(settings, listeners, () -> abandoned);
    List<Worker> workers = new ArrayList<>();
    state = State.RUNNING;
    for (int i = 0; i < settings.concurrency(); i++) {
      Worker worker =
          new Worker(
              settings,
              new BatchReader(settings, notifyListener),
              processor,
              () -> state == State.RUNNING);
      workers.add(worker);
      workerThreads.add(thread(worker, "pgmq-consumer-" + queue() + "-" + i));
    }
    if (settings.extendVisibility()) {
      long every = Math.max(200, settings.visibilityTimeout().toMillis() / 3);
      extender =
          Executors.newSingleThreadScheduledExecutor(r -> thread(r, "pgmq-extend-vt-" + queue()));
      extender.scheduleWithFixedDelay(
          new VisibilityExtender(settings, workers), every, every, TimeUnit.MILLISECONDS);
    }
    if (notifyThread != null) {
      notifyThread.start();
    }
    workerThreads.forEach(Thread::start);
    LOG.info(
        "consuming '{}' with {} worker(s), {} reads, {}",
        queue(),
        settings.concurrency(),
        settings.readMode(),
        listen ? "woken by notifications" : "polling");
  }

  @Override
  public boolean isRunning() {
    return state == State.RUNNING;
  }

  @Override
  public synchronized boolean stop(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (state == State.NEW || state == State.STOPPED) {
      state = State.STOPPED;
      return stoppedInTime;
    }
    state = State.STOPPING;
    if (notifyListener != null) {
      notifyListener.wakeAll();
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean inTime = joinAll(deadline);
    if (!inTime) {
      abandoned = true;
      LOG.warn("handlers of '{}' still running after {}; interrupting them", queue(), timeout);
      workerThreads.forEach(Thread::interrupt);
      joinAll(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
    }
    if (extender != null) {
      extender.shutdownNow();
    }
    if (notifyListener != null) {
      notifyListener.close();
    }
    awaitHelpers(); // their connections go back to the pool before stop returns
    state = State.STOPPED;
    stoppedInTime = inTime;
    LOG.info("stopped consuming '{}'{}", queue(), inTime ? "" : " (some handlers were abandoned)");
    return inTime;
  }

  @Override
  public void close() {
    stop(settings.shutdownTimeout());
  }

  @Override
  public int replayDeadLetters(int max) {
    return Transactions.call(
        settings.transactionRunner(),
        em -> DeadLetters.replay(em, settings.config(), deadLetterQueue(), queue(), max));
  }

  private void awaitHelpers() {
    try {
      if (extender != null) {
        extender.awaitTermination(2, TimeUnit.SECONDS);
      }
      if (notifyThread != null && notifyThread != Thread.currentThread()) {
        notifyThread.join(2000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean joinAll(long deadlineNanos) {
    boolean all = true;
    for (Thread thread : workerThreads) {
      if (thread == Thread.currentThread()) {
        continue;
      }
      long left = deadlineNanos - System.nanoTime();
      try {
        if (left > 0) {
          TimeUnit.NANOSECONDS.timedJoin(thread, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      all &= !thread.isAlive();
    }
    return all;
  }

  /** Sends one notification on {@code channel} in a transaction of its own (another connection). */
  private void probeNotification(String channel) {
    Transactions.call(
        settings.transactionRunner(),
        em -> {
          InsertNotifications.probe(em, channel);
          return null;
        });
  }

  private Thread thread(Runnable runnable, String name) {
    Thread thread = settings.threadFactory().newThread(runnable);
    if (thread == null) {
      throw new IllegalStateException("the consumer's threadFactory gave no thread for " + name);
    }
    thread.setName(name);
    return thread;
  }

  @Override
  public String toString() {
    return "PgmqConsumer[" + queue() + ", " + state + "]";
  }
}
