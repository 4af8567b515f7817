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
 * The PGMQ operations, one vocabulary for every way of running them: {@link #using(EntityManager)}
 * runs them inside the caller's active transaction; {@link PgmqClient#create(String)} and friends
 * commit each call on their own. Simple forms take the seed's positional arguments and defaults;
 * the rarer combinations go through {@link SendOptions} and {@link ReadOptions}; {@link
 * #queue(String, Class)} binds a queue and its payload type once.
 *
 * <p><b>Arguments</b> are checked before any SQL runs: an invalid queue name (not 1 to 47
 * characters of {@code [a-z0-9_]}, exactly as given: no trimming or case folding) raises {@link
 * InvalidQueueNameException}; {@code null}s raise {@link NullPointerException}; durations PGMQ
 * cannot represent (negative, fractions of a second) and non-positive quantities raise {@link
 * IllegalArgumentException}.
 *
 * <p><b>Payloads</b> are serialised with {@link PgmqConfig#objectMapper()}; messages come back
 * typed ({@code Class}, {@code TypeReference}), raw ({@link JsonNode}, numbers exactly as stored),
 * or as the stored JSON text ({@code com.fasterxml.jackson.databind.util.RawValue}; a {@code
 * RawValue} sent is stored as the text it holds). <b>Results</b> are never {@code null}.
 *
 * <p><b>Errors</b> are {@link PgmqException}s with their cause: {@link QueueNotFoundException},
 * {@link PgmqSchemaException} (PGMQ not installed), {@link PgmqSerializationException}, {@link
 * PgmqStatementException} for any other failure of the database.
 */
public interface Pgmq {

  /** The name of the header PGMQ's FIFO (grouped) reads group by. */
  String GROUP_HEADER = "x-pgmq-group";

  /** The visibility timeout of {@link #read(String)}: 30 s. */
  Duration DEFAULT_VT = Duration.ofSeconds(30);

  /** The seed's {@code read_with_poll} defaults: wait up to 5 s, looking every 100 ms. */
  Duration DEFAULT_MAX_POLL = Duration.ofSeconds(5), DEFAULT_POLL_INTERVAL = Duration.ofMillis(100);

  /** {@link #using(EntityManager, PgmqConfig)} with the default configuration. */
  static Pgmq using(EntityManager entityManager) {
    return using(entityManager, PgmqConfig.defaults());
  }

  /**
   * Operations on {@code entityManager}'s own JDBC connection, inside its <b>active</b> transaction
   * (resource-local or JTA), on the session it has at each call (a container's transaction-scoped
   * proxy is fine): they commit or roll back with the caller's entity changes and never commit,
   * roll back or flush themselves ({@link NoActiveTransactionException} without a transaction).
   * Each call is one statement through the Hibernate session's JDBC machinery; pending entity
   * changes are flushed at commit as usual. A failed call leaves the transaction aborted in
   * PostgreSQL: roll it back. As thread-safe as the {@code EntityManager}; cheap to create.
   */
  static Pgmq using(EntityManager entityManager, PgmqConfig config) {
    return dev.pgmq.jpa.internal.Entry.operations(entityManager, config);
  }

  /** One queue with payloads of {@code type}, on this {@code Pgmq}'s transactions; cheap. */
  <T> PgmqQueue<T> queue(String queue, Class<T> type);

  /** {@link #queue(String, Class)} for a generic payload type. */
  <T> PgmqQueue<T> queue(String queue, TypeReference<T> type);

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

  /** A partitioned queue with PGMQ's defaults: 10000 messages per partition, 100000 kept. */
  default void createPartitionedQueue(String queue) {
    createPartitionedQueue(queue, "10000", "100000");
  }

  /**
   * Checks {@code queue} against {@code ^[a-z0-9_]{1,47}$} without SQL (stricter than PGMQ's {@code
   * validate_queue_name}); {@link InvalidQueueNameException} when it is not valid.
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

  /** Sends one message with headers and/or a delay or visibility instant. */
  long send(String queue, Object message, SendOptions options);

  /** Sends messages in one statement; returns their ids in the order given. */
  List<Long> sendBatch(String queue, List<?> messages);

  /** Sends messages that become visible after {@code delay}. */
  List<Long> sendBatch(String queue, List<?> messages, Duration delay);

  /** Sends messages with the same headers and/or delay or visibility instant. */
  List<Long> sendBatch(String queue, List<?> messages, SendOptions options);

  /**
   * Sends messages with headers of their own: {@code headers.get(i)} belongs to {@code
   * messages.get(i)} (same size; an element may be {@code null}); {@code options} give the timing
   * and must have no headers.
   */
  List<Long> sendBatch(
      String queue, List<?> messages, List<? extends Map<String, ?>> headers, SendOptions options);

  // ---------------------------------------------------------------- read

  /** Reads the oldest visible message and hides it for {@link #DEFAULT_VT}; raw payload. */
  default Optional<Message<JsonNode>> read(String queue) {
    return read(queue, DEFAULT_VT);
  }

  /** Reads the oldest visible message and hides it for {@code vt}; raw payload. */
  Optional<Message<JsonNode>> read(String queue, Duration vt);

  /** Reads the oldest visible message and hides it for {@code vt}; payload as {@code type}. */
  <T> Optional<Message<T>> read(String queue, Duration vt, Class<T> type);

  /**
   * Reads the oldest visible message as a generic type ({@code new TypeReference<List<Item>>(){}}).
   */
  <T> Optional<Message<T>> read(String queue, Duration vt, TypeReference<T> type);

  /** Reads up to {@code qty} visible messages, oldest first, hiding them for {@code vt}. */
  List<Message<JsonNode>> readBatch(String queue, Duration vt, int qty);

  /** Reads up to {@code qty} visible messages as {@code type}. */
  <T> List<Message<T>> readBatch(String queue, Duration vt, int qty, Class<T> type);

  /** Reads up to {@code qty} visible messages as a generic type. */
  <T> List<Message<T>> readBatch(String queue, Duration vt, int qty, TypeReference<T> type);

  /**
   * A read with every option ({@code pgmq.read}, {@code read_with_poll} or a FIFO read: {@code
   * read_grouped}, {@code read_grouped_rr}, {@code read_grouped_head}, with or without poll).
   */
  <T> List<Message<T>> readBatch(String queue, ReadOptions options, Class<T> type);

  /** {@link #readBatch(String, ReadOptions, Class)} as a generic type. */
  <T> List<Message<T>> readBatch(String queue, ReadOptions options, TypeReference<T> type);

  /** One message, waiting with the seed's defaults ({@link #DEFAULT_MAX_POLL}, 100 ms). */
  default List<Message<JsonNode>> readWithPoll(String queue, Duration vt) {
    return readWithPoll(queue, vt, 1, DEFAULT_MAX_POLL, DEFAULT_POLL_INTERVAL);
  }

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

  /** Reads and deletes the oldest visible message. */
  Optional<Message<JsonNode>> pop(String queue);

  /** Reads and deletes the oldest visible message, as {@code type}. */
  <T> Optional<Message<T>> pop(String queue, Class<T> type);

  /** Reads and deletes the oldest visible message, as a generic type. */
  <T> Optional<Message<T>> pop(String queue, TypeReference<T> type);

  /** Reads and deletes up to {@code qty} visible messages. */
  <T> List<Message<T>> pop(String queue, int qty, Class<T> type);

  /** Reads and deletes up to {@code qty} visible messages, as a generic type. */
  <T> List<Message<T>> pop(String queue, int qty, TypeReference<T> type);

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

  /** Sends a message to every queue bound to a pattern matching {@code routingKey}; how many. */
  int sendTopic(String routingKey, Object message);

  /** {@link #sendTopic(String, Object)} with headers and/or a delay (no instant: PGMQ has none). */
  int sendTopic(String routingKey, Object message, SendOptions options);

  /** Sends messages to every matching queue; one entry per queue and message. */
  List<RoutedMessage> sendBatchTopic(String routingKey, List<?> messages);

  /** {@link #sendBatchTopic(String, List)} with the same headers and/or a delay. */
  List<RoutedMessage> sendBatchTopic(String routingKey, List<?> messages, SendOptions options);

  /** {@link #sendBatchTopic(String, List)} with headers per message and {@code options}' delay. */
  List<RoutedMessage> sendBatchTopic(
      String routingKey,
      List<?> messages,
      List<? extends Map<String, ?>> headers,
      SendOptions options);

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
