package dev.pgmq.outbox.consumer.internal;

import dev.pgmq.jpa.PgmqConfig;
import dev.pgmq.jpa.spi.QueueNames;
import dev.pgmq.outbox.consumer.AckMode;
import dev.pgmq.outbox.consumer.Backoff;
import dev.pgmq.outbox.consumer.PollStrategy;
import dev.pgmq.outbox.consumer.ReadMode;
import dev.pgmq.outbox.consumer.spi.ConsumerListener;
import dev.pgmq.outbox.consumer.spi.NotifyConnectionFactory;
import dev.pgmq.outbox.consumer.spi.TransactionRunner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/** The settings of one consumer: immutable, checked once here, errors naming the setting. */
public record ConsumerSettings(
    String queue,
    String deadLetterQueue,
    HandlerRegistry handlers,
    Duration visibilityTimeout,
    int batchSize,
    int concurrency,
    PollStrategy pollStrategy,
    Duration maxPoll,
    Duration pollInterval,
    AckMode ackMode,
    ReadMode readMode,
    int maxAttempts,
    Backoff backoff,
    List<Class<? extends Throwable>> nonRetryable,
    boolean extendVisibility,
    Duration expectedHandlerTime,
    Duration shutdownTimeout,
    List<ConsumerListener> listeners,
    TransactionRunner transactionRunner,
    NotifyConnectionFactory notifyConnectionFactory,
    ThreadFactory threadFactory,
    PgmqConfig config) {

  /** The default thread factory: new daemon threads. */
  public static final ThreadFactory DAEMON_THREADS =
      runnable -> {
        Thread thread = new Thread(runnable);
        thread.setDaemon(true);
        return thread;
      };

  /** Checks every setting; the first invalid one is named in the exception. */
  public ConsumerSettings {
    queueName(queue, "queue");
    queueName(deadLetterQueue, "deadLetterQueue");
    if (deadLetterQueue.equals(queue)) {
      throw new IllegalArgumentException("deadLetterQueue must differ from queue '" + queue + "'");
    }
    required(handlers, "handler");
    if (handlers.isEmpty()) {
      throw new IllegalArgumentException("handler: at least one handler must be registered");
    }
    required(handlers.eventTypeHeader(), "eventTypeHeader");
    wholeSeconds(visibilityTimeout, "visibilityTimeout");
    range(batchSize, 1, 1000, "batchSize");
    range(concurrency, 1, 1000, "concurrency");
    required(pollStrategy, "pollStrategy");
    wholeSeconds(maxPoll, "maxPoll");
    required(pollInterval, "pollInterval");
    if (pollInterval.toMillis() < 1 || pollInterval.compareTo(maxPoll) > 0) {
      throw new IllegalArgumentException(
          "pollInterval must be >= 1 ms and <= maxPoll (" + maxPoll + "), was " + pollInterval);
    }
    required(ackMode, "ackMode");
    required(readMode, "readMode");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
    }
    required(backoff, "backoff");
    required(expectedHandlerTime, "expectedHandlerTime");
    if (expectedHandlerTime.isNegative() || expectedHandlerTime.isZero()) {
      throw new IllegalArgumentException(
          "expectedHandlerTime must be > 0, was " + expectedHandlerTime);
    }
    if (!extendVisibility
        && visibilityTimeout.compareTo(expectedHandlerTime.multipliedBy(batchSize)) < 0) {
      throw new IllegalArgumentException(
          "visibilityTimeout ("
              + visibilityTimeout
              + ") must be >= batchSize ("
              + batchSize
              + ") × expectedHandlerTime ("
              + expectedHandlerTime
              + ") or the last messages of a batch reappear before they are handled;"
              + " raise visibilityTimeout, lower batchSize or enable extendVisibility");
    }
    required(shutdownTimeout, "shutdownTimeout");
    if (shutdownTimeout.isNegative()) {
      throw new IllegalArgumentException("shutdownTimeout must be >= 0, was " + shutdownTimeout);
    }
    nonRetryable = List.copyOf(nonRetryable);
    listeners = List.copyOf(listeners);
    required(transactionRunner, "transactionRunner");
    required(notifyConnectionFactory, "notifyConnectionFactory");
    required(threadFactory, "threadFactory");
    required(config, "config");
  }

  private static void required(Object value, String setting) {
    if (value == null) {
      throw new NullPointerException(setting + " is required");
    }
  }

  private static void queueName(String name, String setting) {
    required(name, setting);
    QueueNames.check(name, setting); // InvalidQueueNameException, as every operation throws
  }

  private static void wholeSeconds(Duration value, String setting) {
    required(value, setting);
    if (value.getSeconds() < 1 || value.getNano() != 0 || value.getSeconds() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          setting + " must be a whole number of seconds >= 1, was " + value);
    }
  }

  private static void range(int value, int min, int max, String setting) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          setting + " must be between " + min + " and " + max + ", was " + value);
    }
  }
}
