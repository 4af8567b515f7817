package dev.pgmq.outbox.listener.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the consumers of {@code @PgmqListener} methods the way the annotation promises in every
 * container: a consumer that cannot start (its queue or PGMQ itself is missing, the database does
 * not answer) is reported with a warning and retried in the background with exponential backoff (1
 * s doubling to 1 min) until it starts or {@link #close()} is called, so a startup bean or a
 * migration may create the queues after the application has started. Thread-safe.
 */
public final class StartRetries implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StartRetries.class);

  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration MAX_RETRY = Duration.ofMinutes(1);

  private final ScheduledThreadPoolExecutor retries;
  private boolean closed;

  /** Retries on one thread of {@code threads} (named {@code pgmq-listener-start}). */
  public StartRetries(ThreadFactory threads) {
    Objects.requireNonNull(threads, "threads");
    this.retries =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = threads.newThread(r);
              if (t != null) {
                t.setName("pgmq-listener-start");
              }
              return t;
            });
    this.retries.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /**
   * Runs {@code start} now, on the calling thread; when it throws, logs a warning naming {@code
   * listeners} and {@code queue} and runs it again later, until it returns.
   *
   * @param started told what started, once {@code start} has returned
   */
  public synchronized void start(String listeners, String queue, Runnable start, Runnable started) {
    attempt(listeners, queue, start, started, 1, FIRST_RETRY);
  }

  private synchronized void attempt(
      String listeners,
      String queue,
      Runnable start,
      Runnable started,
      int attempt,
      Duration next) {
    if (closed) {
      return;
    }
    try {
      start.run();
    } catch (RuntimeException e) {
      LOG.warn(
          "could not start {} (attempt {}): {}; retrying in {} s. Create queue '{}' (and install"
              + " PGMQ) before or while the application starts, e.g. in a startup bean or a"
              + " migration",
          listeners,
          attempt,
          e.getMessage(),
          next.toSeconds(),
          queue);
      Duration after =
          next.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : next.multipliedBy(2);
      retries.schedule(
          () -> attempt(listeners, queue, start, started, attempt + 1, after),
          next.toMillis(),
          TimeUnit.MILLISECONDS);
      return;
    }
    started.run();
  }

  /** Cancels the pending retries and waits (up to a minute) for one that is running. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      retries.shutdownNow();
    }
    try {
      retries.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
