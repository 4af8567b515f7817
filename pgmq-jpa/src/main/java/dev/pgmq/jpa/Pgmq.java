package dev.pgmq.jpa;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The PGMQ operations, one vocabulary for every way of running them.
 *
 * <p>Obtain one with {@link #using(EntityManager)} to run every operation on the caller's {@code
 * EntityManager}, inside its active transaction (never committing it), or with {@link
 * PgmqClient#create(String)} and friends for a self-managed client that commits each call on its
 * own.
 *
 * <p><b>Arguments</b> are checked before any SQL runs: a queue name that is not 1 to 47 characters
 * of {@code [a-z0-9_]}, exactly as given (no trimming, no case folding: {@code "Orders"} is
 * rejected rather than silently becoming {@code "orders"}, because PGMQ lower-cases table names but
 * keeps the caller's spelling in {@code pgmq.meta}, so mixed-case names alias each other), raises
 * {@link InvalidQueueNameException}; {@code null}s raise {@link NullPointerException}; durations
 * PGMQ cannot represent (negative, fractions of a second, more than {@code Integer.MAX_VALUE}
 * seconds) and non-positive quantities raise {@link IllegalArgumentException}.
 *
 * <p><b>Payloads</b> are serialised with the configured Jackson {@code ObjectMapper} ({@link
 * PgmqConfig#objectMapper()}); messages come back typed ({@code Class<T>}), raw ({@link JsonNode},
 * numbers exactly as stored whatever the mapper), or as the stored JSON text, unparsed ({@code
 * com.fasterxml.jackson.databind.util.RawValue.class}; a {@code RawValue} sent is stored as the
 * JSON text it holds). Headers are a JSON object given as a {@code Map}.
 *
 * <p><b>Results</b> are never {@code null}: absent messages are {@link Optional#empty()}, empty
 * batches are empty lists.
 *
 * <p><b>Errors</b> follow {@link PgmqException}'s contract: invalid arguments raise the JDK's
 * {@code NullPointerException} / {@code IllegalArgumentException} (invalid queue names {@link
 * InvalidQueueNameException}) before any SQL; everything else is a {@link PgmqException}: {@link
 * QueueNotFoundException} when the queue does not exist, {@link PgmqSchemaException} when PGMQ is
 * not installed, {@link PgmqSerializationException} when a payload cannot be (de)serialised, {@link
 * PgmqStatementException} for any other failure of the database, always with the cause.
 *
 * <p>Thread-safety and transactions depend on the implementation: see {@link #using(EntityManager)}
 * and {@link PgmqClient}.
 */
public interface Pgmq {

  /** The name of the header PGMQ's grouped (FIFO) reads group by. */
  String GROUP_HEADER = "x-pgmq-group";

  /**
   * Operations on {@code entityManager}, with the default {@link PgmqConfig}.
   *
   * @see #using(EntityManager, PgmqConfig)
   */
  static Pgmq using(EntityManager entityManager) {
    return using(entityManager, PgmqConfig.defaults());
  }

  /**
   * Operations that run on {@code entityManager}'s own JDBC connection, inside its <b>active</b>
   * transaction (resource-local or JTA): they commit or roll back with the caller's entity changes,
   * and never commit, roll back or flush themselves. Every call fails fast with {@link
   * NoActiveTransactionException} when no transaction is active.
   *
   * <p>Each call is one SQL statement issued through the Hibernate session's JDBC machinery (so the
   * session's {@code StatementInspector}, statistics and exception conversion apply). Pending
   * entity changes are not flushed before it (a PGMQ function never reads entity tables); they are
   * flushed at commit as usual, in the same transaction, so {@code em.persist(order);
   * pgmq.send("orders", event);} commits both or neither. A failed call leaves the transaction
   * aborted in PostgreSQL: roll it back. The {@code EntityManager} must be Hibernate's.
   *
   * <p>The result is as thread-safe as the {@code EntityManager} (that is, not: use it on the
   * thread that owns the {@code EntityManager}). Creating one is cheap; nothing runs until a call.
   */
  static Pgmq using(EntityManager entityManager, PgmqConfig config) {
    return dev.pgmq.jpa.internal.EntityManagerPgmq.create(entityManager, config);
  }

  // ---------------------------------------------------------------- queues

  /** Creates a queue and its archive ({@code pgmq.create}); does nothing if it exists. */
  void createQueue(String queue);

  /** Creates a queue whose table is UNLOGGED ({@code pgmq.create_unlogged}). */
  void createUnloggedQueue(String queue);

  /**
   * Creates a queue partitioned by pg_partman ({@code pgmq.create_partitioned}); creates the
   * pg_partman extension first when it is available but not yet created.
   *
   * @param partitionInterval a positive number of messages per partition ({@code "10000"}) or a
   *     PostgreSQL interval ({@code "1 day"})
   * @param retentionInterval of the same kind as {@code partitionInterval}
   */
  void createPartitionedQueue(String queue, String partitionInterval, String retentionInterval);

  /**
   * Creates a partitioned queue with PGMQ's defaults: 10000 messages per partition, 100000 kept.
   */
  default void createPartitionedQueue(String queue) {
    createPartitionedQueue(queue, "10000", "100000");
  }

  /**
   * Checks {@code queue} against the library's rule, {@code ^[a-z0-9_]{1,47}$}, without SQL (and so
   * without a transaction). The rule is stricter than PGMQ's own {@code pgmq.validate_queue_name},
   * so a name that passes here passes there.
   *
   * @throws InvalidQueueNameException when the name is not valid
   */
  void validateQueueName(String queue);

  /** Drops a queue and its archive; {@code false} when there was no such queue. */
  boolean dropQueue(String queue);

  /** All queues, in creation order. */
  List<QueueInfo> listQueues();

  /** Deletes every message in the queue (not the archive) and returns how many there were. */
  long purge(String queue);

  /** Metrics of one queue. */
  QueueMetrics metrics(String queue);

  /** Metrics of every queue. */
  List<QueueMetrics> metricsAll();

  // ---------------------------------------------------------------- send

  /** Sends one message, visible at once; returns its id. */
  long send(String queue, Object message);

  /** Sends one message that becomes visible after {@code delay} (whole seconds). */
  long send(String queue, Object message, Duration delay);

  /** Sends one message that becomes visible at {@code visibleAt}. */
  long send(String queue, Object message, Instant visibleAt);

  /** Sends one message with headers, visible at once. */
  long send(String queue, Object message, Map<String, ?> headers);

  /** Sends one message with headers that becomes visible after {@code delay}. */
  long send(String queue, Object message, Map<String, ?> headers, Duration delay);

  /** Sends one message with headers that becomes visible at {@code visibleAt}. */
  long send(String queue, Object message, Map<String, ?> headers, Instant visibleAt);

  /** Sends messages in one statement; returns their ids in the order given. */
  List<Long> sendBatch(String queue, List<?> messages);

  /** Sends messages that become visible after {@code delay}. */
  List<Long> sendBatch(String queue, List<?> messages, Duration delay);

  /** Sends messages that become visible at {@code visibleAt}. */
  List<Long> sendBatch(String queue, List<?> messages, Instant visibleAt);

  /**
   * Sends messages with headers; {@code headers.get(i)} belongs to {@code messages.get(i)} (the
   * lists must be the same size; an element may be {@code null} for no headers).
   */
  List<Long> sendBatch(String queue, List<?> messages, List<? extends Map<String, ?>> headers);

  /** Sends messages with headers that become visible after {@code delay}. */
  List<Long> sendBatch(
      String queue, List<?> messages, List<? extends Map<String, ?>> headers, Duration delay);

  /** Sends messages with headers that become visible at {@code visibleAt}. */
  List<Long> sendBatch(
      String queue, List<?> messages, List<? extends Map<String, ?>> headers, Instant visibleAt);

  // ---------------------------------------------------------------- read

  /** Reads the oldest visible message and hides it for {@code vt}; raw payload. */
  Optional<Message<JsonNode>> read(String queue, Duration vt);

  /** Reads the oldest visible message and hides it for {@code vt}; payload as {@code type}. */
  <T> Optional<Message<T>> read(String queue, Duration vt, Class<T> type);

  /**
   * Reads the oldest visible message as a generic type ({@code new TypeReference<List<Item>>()
   * {}}).
   */
  <T> Optional<Message<T>> read(String queue, Duration vt, TypeReference<T> type);

  /** Reads up to {@code qty} visible messages, oldest first, hiding them for {@code vt}. */
  List<Message<JsonNode>> readBatch(String queue, Duration vt, int qty);

  /** Reads up to {@code qty} visible messages as {@code type}. */
  <T> List<Message<T>> readBatch(String queue, Duration vt, int qty, Class<T> type);

  /** Reads up to {@code qty} visible messages as a generic type. */
  <T> List<Message<T>> readBatch(String queue, Duration vt, int qty, TypeReference<T> type);

  /**
   * Reads up to {@code qty} visible messages whose payload contains {@code conditional} (jsonb
   * {@code @>}; an object or a {@code Map}).
   */
  <T> List<Message<T>> readBatch(
      String queue, Duration vt, int qty, Object conditional, Class<T> type);

  /**
   * Reads up to {@code qty} messages, waiting up to {@code maxPoll} (checking every {@code
   * pollInterval}) for at least one to become visible; returns early when one arrives.
   */
  List<Message<JsonNode>> readWithPoll(
      String queue, Duration vt, int qty, Duration maxPoll, Duration pollInterval);

  /** As {@link #readWithPoll(String, Duration, int, Duration, Duration)}, typed. */
  <T> List<Message<T>> readWithPoll(
      String queue, Duration vt, int qty, Duration maxPoll, Duration pollInterval, Class<T> type);

  /** As {@link #readWithPoll(String, Duration, int, Duration, Duration)}, as a generic type. */
  <T> List<Message<T>> readWithPoll(
      String queue,
      Duration vt,
      int qty,
      Duration maxPoll,
      Duration pollInterval,
      TypeReference<T> type);

  /** As {@link #readWithPoll(String, Duration, int, Duration, Duration, Class)}, filtered. */
  <T> List<Message<T>> readWithPoll(
      String queue,
      Duration vt,
      int qty,
      Duration maxPoll,
      Duration pollInterval,
      Object conditional,
      Class<T> type);

  /** Reads and deletes the oldest visible message. */
  Optional<Message<JsonNode>> pop(String queue);

  /** Reads and deletes the oldest visible message, as {@code type}. */
  <T> Optional<Message<T>> pop(String queue, Class<T> type);

  /** Reads and deletes up to {@code qty} visible messages. */
  <T> List<Message<T>> pop(String queue, int qty, Class<T> type);

  // ---------------------------------------------------------------- grouped (FIFO) reads

  /**
   * Reads up to {@code qty} messages in FIFO-group order ({@code pgmq.read_grouped}): fills the
   * batch with the visible messages of the group whose oldest message is oldest, then the next
   * group; a group is skipped while its oldest message is invisible or held by another open read.
   * The messages come back ordered by id. The group is the {@value #GROUP_HEADER} header.
   */
  <T> List<Message<T>> readGrouped(String queue, Duration vt, int qty, Class<T> type);

  /**
   * Grouped read, round-robin across groups ({@code pgmq.read_grouped_rr}): one visible message per
   * group per round, returned round by round.
   */
  <T> List<Message<T>> readGroupedRoundRobin(String queue, Duration vt, int qty, Class<T> type);

  /** Grouped read returning at most the head message of each group ({@code read_grouped_head}). */
  <T> List<Message<T>> readGroupedHead(String queue, Duration vt, int qty, Class<T> type);

  /** {@link #readGrouped} waiting up to {@code maxPoll}. */
  <T> List<Message<T>> readGroupedWithPoll(
      String queue, Duration vt, int qty, Duration maxPoll, Duration pollInterval, Class<T> type);

  /** {@link #readGroupedRoundRobin} waiting up to {@code maxPoll}. */
  <T> List<Message<T>> readGroupedRoundRobinWithPoll(
      String queue, Duration vt, int qty, Duration maxPoll, Duration pollInterval, Class<T> type);

  /** {@link #readGroupedHead} waiting up to {@code maxPoll}. */
  <T> List<Message<T>> readGroupedHeadWithPoll(
      String queue, Duration vt, int qty, Duration maxPoll, Duration pollInterval, Class<T> type);

  // ---------------------------------------------------------------- visibility, delete, archive

  /** Makes a message invisible for {@code vt} from now (zero: visible now); the updated message. */
  Optional<Message<JsonNode>> setVt(String queue, long msgId, Duration vt);

  /** Makes a message invisible until {@code visibleAt}; the updated message. */
  Optional<Message<JsonNode>> setVt(String queue, long msgId, Instant visibleAt);

  /** Sets the visibility of several messages; the messages actually updated. */
  List<Message<JsonNode>> setVt(String queue, List<Long> msgIds, Duration vt);

  /** Sets the visibility of several messages to {@code visibleAt}; the messages updated. */
  List<Message<JsonNode>> setVt(String queue, List<Long> msgIds, Instant visibleAt);

  /** Deletes a message; {@code false} when there was no such message. */
  boolean delete(String queue, long msgId);

  /** Deletes messages; returns the ids actually deleted. */
  List<Long> deleteBatch(String queue, List<Long> msgIds);

  /** Moves a message to the archive; {@code false} when there was no such message. */
  boolean archive(String queue, long msgId);

  /** Moves messages to the archive; returns the ids actually archived. */
  List<Long> archiveBatch(String queue, List<Long> msgIds);

  // ---------------------------------------------------------------- topics

  /**
   * Binds a topic pattern to a queue. The pattern matches whole routing keys: {@code *} is one or
   * more characters other than a dot, {@code #} any characters, dots included (so {@code orders.#}
   * matches {@code orders.created} but not {@code orders}).
   */
  void bindTopic(String pattern, String queue);

  /** Removes a binding; {@code false} when there was none. */
  boolean unbindTopic(String pattern, String queue);

  /** Sends a message to every queue bound to a pattern matching {@code routingKey}. */
  int sendTopic(String routingKey, Object message);

  /** {@link #sendTopic(String, Object)} with headers and a delay. */
  int sendTopic(String routingKey, Object message, Map<String, ?> headers, Duration delay);

  /** Sends messages to every matching queue; one entry per queue and message. */
  List<RoutedMessage> sendBatchTopic(String routingKey, List<?> messages);

  /** {@link #sendBatchTopic(String, List)} with headers (may be null) and a delay. */
  List<RoutedMessage> sendBatchTopic(
      String routingKey, List<?> messages, List<? extends Map<String, ?>> headers, Duration delay);

  /** Every topic binding. */
  List<TopicBinding> listTopicBindings();

  /** The topic bindings of one queue. */
  List<TopicBinding> listTopicBindings(String queue);

  /** The bindings {@code routingKey} would be delivered through. */
  List<TopicBinding> testRouting(String routingKey);

  // ---------------------------------------------------------------- notifications

  /**
   * Makes inserts into the queue send a {@code NOTIFY} on channel {@code pgmq.q_<queue>.INSERT}, at
   * most once per {@code throttle}.
   */
  void enableNotifyInsert(String queue, Duration throttle);

  /** Enables insert notifications with PGMQ's default throttle (250 ms). */
  default void enableNotifyInsert(String queue) {
    enableNotifyInsert(queue, Duration.ofMillis(250));
  }

  /** Stops insert notifications for the queue. */
  void disableNotifyInsert(String queue);
}
