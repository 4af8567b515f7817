package dev.pgmq.outbox.listener;

import dev.pgmq.outbox.consumer.AckMode;
import dev.pgmq.outbox.consumer.PollStrategy;
import dev.pgmq.outbox.consumer.ReadMode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a container-managed bean as the consumer of a PGMQ queue. It means the same in
 * every container: the integration that runs it (pgmq-cdi's portable extension, pgmq-spring-boot's
 * auto-configuration, both through {@link dev.pgmq.outbox.listener.spi}) finds it at start-up,
 * checks what can be known without the database (a parameter it cannot supply or an invalid setting
 * fails the start with a {@link ListenerDefinitionException} naming the method), starts a {@link
 * dev.pgmq.outbox.consumer.PgmqConsumer} when the application has started and stops it gracefully
 * when it stops. The queue is checked when the consumer starts: while it (or PGMQ) is missing, a
 * warning names it and the start is retried with backoff (1 s doubling to 1 min), so a startup bean
 * or a migration may create it. Under CDI the consumer's threads come from the container's {@code
 * ManagedThreadFactory} when there is one.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class Shipping {
 *   @Inject EntityManager em;
 *
 *   @PgmqListener(queue = "orders", concurrency = 2, maxAttempts = 3)
 *   void ship(OrderPlaced event, MessageContext context) {
 *     em.persist(new Shipment(event.orderId()));  // commits with the acknowledgement
 *   }
 * }
 * }</pre>
 *
 * <p><b>Parameters.</b> Exactly one parameter is the payload, deserialised from the message's JSON
 * with the {@code ObjectMapper} of the application's {@link dev.pgmq.jpa.PgmqConfig} ({@code
 * JsonNode} for the raw JSON). Besides it the method may take, in any order, a {@link
 * dev.pgmq.jpa.Message} (typed as the payload, or {@code Message<JsonNode>}), a {@link
 * dev.pgmq.outbox.consumer.MessageContext} (headers, read count, the transaction's {@code
 * EntityManager}) and an {@code EntityManager}. A method without a payload parameter may take a
 * {@code Message<T>}, whose {@code T} is then the payload type.
 *
 * <p><b>Transactions.</b> Each message is handled in a new transaction that also acknowledges it.
 * Under CDI (Spring: see pgmq-spring-boot) it runs on the application's {@code EntityManager} bean:
 * a JTA transaction when the application's {@code EntityManagerFactory} bean is a JTA one (or,
 * without such a bean, when the container has a {@code TransactionManager} or {@code
 * UserTransaction}), else a resource-local one. Each message runs in a request context of its own,
 * so a {@code @RequestScoped} (or {@code @TransactionScoped}) {@code EntityManager} injected into
 * the bean, and {@code @Inject Pgmq} or {@code @Inject Outbox}, are the ones of that transaction:
 * whatever the method writes through them commits together with the acknowledgement, or not at all.
 * Throwing rolls everything back and retries the message with backoff, dead-lettering it after
 * {@link #maxAttempts()}.
 *
 * <p><b>One consumer per queue.</b> Several methods may consume one queue when they take different
 * event types ({@link #eventType()}); they must then agree on every consumer setting.
 *
 * <p><b>Threads.</b> The method is called from {@link #concurrency()} worker threads at once: the
 * bean must be thread-safe (an {@code @ApplicationScoped} bean whose state is the injected,
 * context-bound {@code EntityManager} is).
 *
 * <p>Durations are written as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or ISO-8601
 * ({@code PT30S}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PgmqListener {

  /** The queue to consume; the listener starts consuming once it exists. */
  String queue();

  /**
   * The event type (envelope header {@code x-event-type}) this method takes. Empty (the default):
   * the payload class's type when it is annotated {@link dev.pgmq.outbox.OutboxEvent} (see {@link
   * dev.pgmq.outbox.EventTypes#of(Class)}), else every message of the queue; {@code "*"}: every
   * message no other method of the queue takes.
   */
  String eventType() default "";

  /** Worker threads, 1 to 1000; default 1. */
  int concurrency() default 1;

  /** Visibility timeout of read messages, whole seconds; default {@code 30s}. */
  String vt() default "30s";

  /** Messages a worker reads at once, 1 to 1000; default 10. */
  int batchSize() default 10;

  /** Deliveries before a failing message is dead-lettered, &ge; 1; default 5. */
  int maxAttempts() default 5;

  /** Delay before the second attempt; doubles per attempt up to {@link #backoffMax()}. */
  String backoffInitial() default "1s";

  /** The largest delay between attempts; default {@code 5m}. */
  String backoffMax() default "5m";

  /**
   * Exceptions (and subclasses) that dead-letter at once instead of being retried, besides those
   * implementing {@link dev.pgmq.outbox.consumer.NonRetryable}.
   */
  Class<? extends Throwable>[] nonRetryable() default {};

  /** The dead-letter queue; empty for {@code <queue>_dlq}. Created at start when missing. */
  String deadLetterQueue() default "";

  /** Standard reads or FIFO (grouped) reads; default {@link ReadMode#STANDARD}. */
  ReadMode readMode() default ReadMode.STANDARD;

  /** Delete or archive handled messages; default {@link AckMode#DELETE}. */
  AckMode ackMode() default AckMode.DELETE;

  /** How idle workers wait for messages; default {@link PollStrategy#AUTO}. */
  PollStrategy pollStrategy() default PollStrategy.AUTO;

  /** The longest one read waits for messages, whole seconds; default {@code 5s}. */
  String maxPoll() default "5s";

  /** Whether the visibility timeout of a batch in work is extended; default false. */
  boolean extendVisibility() default false;

  /** How long shutdown waits for handlers still running; default {@code 30s}. */
  String shutdownTimeout() default "30s";
}
