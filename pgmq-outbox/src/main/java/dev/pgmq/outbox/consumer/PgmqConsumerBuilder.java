package dev.pgmq.outbox.consumer;

import dev.pgmq.jpa.PgmqConfig;
import dev.pgmq.outbox.EnvelopeHeaders;
import dev.pgmq.outbox.EventTypes;
import dev.pgmq.outbox.consumer.internal.ConsumerSettings;
import dev.pgmq.outbox.consumer.internal.DefaultPgmqConsumer;
import dev.pgmq.outbox.consumer.internal.HandlerRegistry;
import dev.pgmq.outbox.consumer.internal.NotifyConnections;
import dev.pgmq.outbox.consumer.spi.ConsumerListener;
import dev.pgmq.outbox.consumer.spi.NotifyConnectionFactory;
import dev.pgmq.outbox.consumer.spi.TransactionRunner;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * Configures a {@link PgmqConsumer}. Every setting is checked once, by {@link #build()}, and the
 * error names the setting. Not thread-safe; the consumer it builds is immutable in its settings.
 *
 * <p>Handlers: one {@link #handler} for every message, and/or one per event type ({@link #on},
 * dispatched on {@link EnvelopeHeaders#EVENT_TYPE}; {@code handler} takes the types without their
 * own; a message no handler takes is dead-lettered, {@link NoHandlerException}); or one {@link
 * #batchHandler} for whole batches.
 */
public final class PgmqConsumerBuilder {

  private final EntityManagerFactory entityManagerFactory;
  private String queue;
  private String deadLetterQueue;
  private HandlerRegistry.Entry<?> defaultHandler;
  private HandlerRegistry.Batch<?> batchHandler;
  private final Map<String, HandlerRegistry.Entry<?>> handlersByType = new LinkedHashMap<>();
  private String eventTypeHeader = EnvelopeHeaders.EVENT_TYPE;
  private Duration visibilityTimeout = Duration.ofSeconds(30);
  private int batchSize = 10;
  private int concurrency = 1;
  private PollStrategy pollStrategy = PollStrategy.AUTO;
  private Duration maxPoll = Duration.ofSeconds(5);
  private Duration pollInterval = Duration.ofMillis(100);
  private AckMode ackMode = AckMode.DELETE;
  private ReadMode readMode = ReadMode.STANDARD;
  private int maxAttempts = 5;
  private Backoff backoff = Backoff.defaults();
  private final List<Class<? extends Throwable>> nonRetryable = new ArrayList<>();
  private boolean extendVisibility;
  private Duration expectedHandlerTime = Duration.ofSeconds(1);
  private Duration shutdownTimeout = Duration.ofSeconds(30);
  private final List<ConsumerListener> listeners = new ArrayList<>();
  private TransactionRunner transactionRunner;
  private NotifyConnectionFactory notifyConnectionFactory;
  private ThreadFactory threadFactory;
  private PgmqConfig config = PgmqConfig.defaults();

  PgmqConsumerBuilder(EntityManagerFactory entityManagerFactory) {
    this.entityManagerFactory =
        Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
  }

  /** The queue to consume; required. */
  public PgmqConsumerBuilder queue(String queue) {
    this.queue = queue;
    return this;
  }

  /** The dead-letter queue; default {@code <queue>_dlq}. Created on start when missing. */
  public PgmqConsumerBuilder deadLetterQueue(String deadLetterQueue) {
    this.deadLetterQueue = deadLetterQueue;
    return this;
  }

  /**
   * The handler of every message (or, next to {@link #on}, of every message whose event type has no
   * handler of its own), its payload read as {@code payloadType} ({@code JsonNode.class} for the
   * raw JSON).
   */
  public <T> PgmqConsumerBuilder handler(Class<T> payloadType, MessageHandler<T> handler) {
    this.defaultHandler = new HandlerRegistry.Entry<>(payloadType, handler);
    return this;
  }

  /**
   * Handles each read batch at once ({@link BatchHandler}); excludes {@link #handler}/{@link #on}.
   */
  public <T> PgmqConsumerBuilder batchHandler(Class<T> payloadType, BatchHandler<T> handler) {
    this.batchHandler = new HandlerRegistry.Batch<>(payloadType, handler);
    return this;
  }

  /** The handler of messages whose event type header is {@code eventType}. */
  public <T> PgmqConsumerBuilder on(
      String eventType, Class<T> payloadType, MessageHandler<T> handler) {
    Objects.requireNonNull(eventType, "eventType");
    if (handlersByType.put(eventType, new HandlerRegistry.Entry<>(payloadType, handler)) != null) {
      throw new IllegalArgumentException("a handler for event type '" + eventType + "' exists");
    }
    return this;
  }

  /** The handler of events of class {@code eventClass} (event type {@link EventTypes#of}). */
  public <T> PgmqConsumerBuilder on(Class<T> eventClass, MessageHandler<T> handler) {
    return on(EventTypes.of(eventClass), eventClass, handler);
  }

  /** The header dispatch reads the event type from; default {@link EnvelopeHeaders#EVENT_TYPE}. */
  public PgmqConsumerBuilder eventTypeHeader(String eventTypeHeader) {
    this.eventTypeHeader = eventTypeHeader;
    return this;
  }

  /**
   * How long a read message stays invisible to other readers: whole seconds, &ge; 1 s; default 30
   * s. Must cover a batch: {@code visibilityTimeout >= batchSize × expectedHandlerTime}, unless
   * {@link #extendVisibility(boolean)} is on.
   */
  public PgmqConsumerBuilder visibilityTimeout(Duration visibilityTimeout) {
    this.visibilityTimeout = visibilityTimeout;
    return this;
  }

  /** Messages each worker reads at once, 1 to 1000; default 10. */
  public PgmqConsumerBuilder batchSize(int batchSize) {
    this.batchSize = batchSize;
    return this;
  }

  /** Worker threads, 1 to 1000; default 1. Each uses one connection while it works. */
  public PgmqConsumerBuilder concurrency(int concurrency) {
    this.concurrency = concurrency;
    return this;
  }

  /** How idle workers wait for messages; default {@link PollStrategy#AUTO}. */
  public PgmqConsumerBuilder pollStrategy(PollStrategy pollStrategy) {
    this.pollStrategy = pollStrategy;
    return this;
  }

  /**
   * The longest a read waits for a message before it returns empty: whole seconds, &ge; 1 s;
   * default 5 s. Also bounds how long {@link PgmqConsumer#stop} waits for an idle worker.
   */
  public PgmqConsumerBuilder maxPoll(Duration maxPoll) {
    this.maxPoll = maxPoll;
    return this;
  }

  /** How often a waiting read checks for messages, &ge; 1 ms and &le; maxPoll; default 100 ms. */
  public PgmqConsumerBuilder pollInterval(Duration pollInterval) {
    this.pollInterval = pollInterval;
    return this;
  }

  /** What acknowledging does; default {@link AckMode#DELETE}. */
  public PgmqConsumerBuilder ackMode(AckMode ackMode) {
    this.ackMode = ackMode;
    return this;
  }

  /** Standard or FIFO (grouped) reads; default {@link ReadMode#STANDARD}. */
  public PgmqConsumerBuilder readMode(ReadMode readMode) {
    this.readMode = readMode;
    return this;
  }

  /**
   * Deliveries before a failing message is dead-lettered, counted by PGMQ's {@code read_ct}; &ge;
   * 1; default 5. A message read more often than this without being acknowledged (its workers died)
   * is dead-lettered on its next read without calling the handler.
   */
  public PgmqConsumerBuilder maxAttempts(int maxAttempts) {
    this.maxAttempts = maxAttempts;
    return this;
  }

  /** The delay between attempts; default {@link Backoff#defaults()}. */
  public PgmqConsumerBuilder backoff(Backoff backoff) {
    this.backoff = backoff;
    return this;
  }

  /**
   * Exceptions (with their subclasses) that dead-letter at once, besides those implementing {@link
   * NonRetryable}; checked along the cause chain. Payloads that cannot be deserialised ({@link
   * dev.pgmq.jpa.PgmqSerializationException}) always do.
   */
  public PgmqConsumerBuilder nonRetryable(Class<? extends Throwable> exceptionType) {
    this.nonRetryable.add(Objects.requireNonNull(exceptionType, "exceptionType"));
    return this;
  }

  /** Extends held messages' visibility every third of the timeout while a worker works; off. */
  public PgmqConsumerBuilder extendVisibility(boolean extendVisibility) {
    this.extendVisibility = extendVisibility;
    return this;
  }

  /** The longest a handler is expected to take, &gt; 0, default 1 s (checks the timeout). */
  public PgmqConsumerBuilder expectedHandlerTime(Duration expectedHandlerTime) {
    this.expectedHandlerTime = expectedHandlerTime;
    return this;
  }

  /** How long {@link PgmqConsumer#close()} waits for running handlers, &ge; 0; default 30 s. */
  public PgmqConsumerBuilder shutdownTimeout(Duration shutdownTimeout) {
    this.shutdownTimeout = shutdownTimeout;
    return this;
  }

  /** How transactions are run; default resource-local on the {@code EntityManagerFactory}. */
  public PgmqConsumerBuilder transactionRunner(TransactionRunner transactionRunner) {
    this.transactionRunner = transactionRunner;
    return this;
  }

  /**
   * Where the consumer's threads come from (workers, the LISTEN thread and the visibility
   * extension); default new daemon threads. In a Jakarta EE container pass its {@code
   * ManagedThreadFactory}, so that handlers see the application's {@code java:comp} names. The
   * consumer names each thread it gets ({@code pgmq-consumer-<queue>-<n>}, ...).
   */
  public PgmqConsumerBuilder threadFactory(ThreadFactory threadFactory) {
    this.threadFactory = threadFactory;
    return this;
  }

  /**
   * Where the LISTEN connection comes from; default the connection pool of the {@code
   * EntityManagerFactory}.
   */
  public PgmqConsumerBuilder notifyConnectionFactory(NotifyConnectionFactory factory) {
    this.notifyConnectionFactory = factory;
    return this;
  }

  /**
   * The PGMQ settings (the {@code ObjectMapper} of payloads); default {@link
   * PgmqConfig#defaults()}.
   */
  public PgmqConsumerBuilder config(PgmqConfig config) {
    this.config = config;
    return this;
  }

  /** Adds an observer of message handling. */
  public PgmqConsumerBuilder listener(ConsumerListener listener) {
    this.listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Validates the settings and creates the consumer (not started).
   *
   * @throws IllegalArgumentException naming the first invalid setting
   * @throws NullPointerException naming a required setting that is missing
   * @throws dev.pgmq.jpa.InvalidQueueNameException naming {@code queue} or {@code deadLetterQueue}
   *     when it is not a valid queue name, as every PGMQ operation does
   */
  public PgmqConsumer build() {
    return new DefaultPgmqConsumer(settings());
  }

  ConsumerSettings settings() {
    if (queue == null) {
      throw new NullPointerException("queue is required");
    }
    return new ConsumerSettings(
        queue,
        deadLetterQueue != null ? deadLetterQueue : DeadLetters.defaultQueueName(queue),
        new HandlerRegistry(eventTypeHeader, defaultHandler, handlersByType, batchHandler),
        visibilityTimeout,
        batchSize,
        concurrency,
        pollStrategy,
        maxPoll,
        pollInterval,
        ackMode,
        readMode,
        maxAttempts,
        backoff,
        List.copyOf(nonRetryable),
        extendVisibility,
        expectedHandlerTime,
        shutdownTimeout,
        List.copyOf(listeners),
        transactionRunner != null
            ? transactionRunner
            : TransactionRunner.resourceLocal(entityManagerFactory),
        notifyConnectionFactory != null
            ? notifyConnectionFactory
            : NotifyConnections.of(entityManagerFactory),
        threadFactory != null ? threadFactory : ConsumerSettings.DAEMON_THREADS,
        config);
  }
}
