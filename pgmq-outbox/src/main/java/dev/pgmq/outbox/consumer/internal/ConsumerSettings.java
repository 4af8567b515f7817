package dev.pgmq.outbox.consumer.internal;

import dev.pgmq.jpa.PgmqConfig;
import dev.pgmq.outbox.consumer.AckMode;
import dev.pgmq.outbox.consumer.Backoff;
import dev.pgmq.outbox.consumer.PollStrategy;
import dev.pgmq.outbox.consumer.ReadMode;
import dev.pgmq.outbox.consumer.spi.ConsumerListener;
import dev.pgmq.outbox.consumer.spi.NotifyConnectionFactory;
import dev.pgmq.outbox.consumer.spi.TransactionRunner;
import java.time.Duration;
import java.util.List;

/** The validated, immutable settings of one consumer (validated by the builder). */
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
    Duration shutdownTimeout,
    List<ConsumerListener> listeners,
    TransactionRunner transactionRunner,
    NotifyConnectionFactory notifyConnectionFactory,
    PgmqConfig config) {}
