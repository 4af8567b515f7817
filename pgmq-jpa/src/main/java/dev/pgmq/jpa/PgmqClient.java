package dev.pgmq.jpa;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.internal.DefaultPgmqClient;
import dev.pgmq.jpa.internal.QueueNames;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A self-managed PGMQ client (the seed's {@code PGMQueue}): every {@link Pgmq} operation runs in a
 * transaction of its own, committed before the call returns and rolled back when it fails. (Each
 * operation is a single statement: where the client's connections are in auto-commit mode, as they
 * are in the pool of {@link #create(String)}, it runs as that statement's own transaction, saving
 * the BEGIN/COMMIT round trip; otherwise in an explicit resource-local transaction.) Use {@link
 * #inTransaction(Function)} or {@link #useTransaction(Consumer)} to run several operations in one
 * transaction, and {@link #async()} for the same operations returning {@code CompletableFuture}s.
 *
 * <pre>{@code
 * try (PgmqClient client = PgmqClient.create("postgresql://app:secret@localhost:5432/app")) {
 *   client.createQueue("orders");
 *   long id = client.send("orders", new OrderPlaced(42));
 *   client.read("orders", Duration.ofSeconds(30), OrderPlaced.class)
 *       .ifPresent(m -> client.delete("orders", m.msgId()));
 * }
 * }</pre>
 *
 * <p>On first use the client makes sure PGMQ is installed, through {@link PgmqSchema} with {@link
 * PgmqConfig#schemaMode()}. It needs resource-local transactions ({@code
 * EntityManager.getTransaction()}); in a JTA container use {@link Pgmq#using(EntityManager)} inside
 * the container's transaction instead.
 *
 * <p><b>Thread-safety:</b> a client is thread-safe; each call uses a pooled connection (and, on a
 * factory or supplier, an EntityManager) of its own. {@link #close()} closes only what the client
 * created: the connection pool of {@link #create(String)}, its own async executor; never a factory
 * or supplier it was given.
 */
public interface PgmqClient extends Pgmq, AutoCloseable {

  /**
   * A client on its own HikariCP pool ({@link PgmqConfig#poolSize()} plain JDBC connections, pool
   * name {@code pgmq-client}; no Hibernate bootstrap), with default configuration. Needs HikariCP
   * ({@code com.zaxxer:HikariCP}) and the PostgreSQL JDBC driver on the class path (optional
   * dependencies of pgmq-jpa).
   *
   * @param jdbcUrlOrDsn a JDBC URL ({@code jdbc:postgresql://host:5432/db?user=u&password=p}) or a
   *     libpq-style DSN ({@code postgresql://user:password@host:5432/db}, also {@code postgres://})
   * @throws IllegalStateException when HikariCP or the PostgreSQL driver is not on the class path,
   *     naming the missing dependency
   */
  static PgmqClient create(String jdbcUrlOrDsn) {
    return create(jdbcUrlOrDsn, PgmqConfig.defaults());
  }

  /** {@link #create(String)} with {@code config}. */
  static PgmqClient create(String jdbcUrlOrDsn, PgmqConfig config) {
    return DefaultPgmqClient.fromUrl(jdbcUrlOrDsn, config);
  }

  /**
   * A client on an application's (resource-local) EntityManagerFactory; each call creates an
   * EntityManager and closes it. The factory is not closed by {@link #close()}.
   */
  static PgmqClient create(EntityManagerFactory entityManagerFactory) {
    return create(entityManagerFactory, PgmqConfig.defaults());
  }

  /** {@link #create(EntityManagerFactory)} with {@code config}. */
  static PgmqClient create(EntityManagerFactory entityManagerFactory, PgmqConfig config) {
    return DefaultPgmqClient.fromFactory(entityManagerFactory, config);
  }

  /**
   * A client that takes a new (resource-local) EntityManager from {@code entityManagers} for every
   * transaction and closes it afterwards (the seed's {@code session_maker}).
   */
  static PgmqClient create(Supplier<EntityManager> entityManagers) {
    return create(entityManagers, PgmqConfig.defaults());
  }

  /** {@link #create(Supplier)} with {@code config}. */
  static PgmqClient create(Supplier<EntityManager> entityManagers, PgmqConfig config) {
    return DefaultPgmqClient.fromSupplier(entityManagers, config);
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   * The {@link Pgmq} passed in is only valid inside {@code work}, on the calling thread.
   *
   * @return what {@code work} returned
   */
  <R> R inTransaction(Function<Pgmq, R> work);

  /** {@link #inTransaction(Function)} for work that returns nothing. */
  void useTransaction(Consumer<Pgmq> work);

  /**
   * The same operations returning {@code CompletableFuture}s, each in a transaction of its own on
   * {@link PgmqConfig#asyncExecutor()} (or the client's own executor, at most {@link
   * PgmqConfig#poolSize()} threads).
   */
  AsyncPgmq async();

  /** Closes what the client created; later calls fail with {@link IllegalStateException}. */
  @Override
  void close();

  /** Checks the name without SQL and without a transaction. */
  @Override
  default void validateQueueName(String queue) {
    QueueNames.check(queue);
  }

  @Override
  default void createQueue(String queue) {
    DefaultPgmqClient.single(
        this,
        p -> {
          p.createQueue(queue);
          return null;
        });
  }

  @Override
  default void createUnloggedQueue(String queue) {
    DefaultPgmqClient.single(
        this,
        p -> {
          p.createUnloggedQueue(queue);
          return null;
        });
  }

  @Override
  default void createPartitionedQueue(
      String queue, String partitionInterval, String retentionInterval) {
    DefaultPgmqClient.single(
        this,
        p -> {
          p.createPartitionedQueue(queue, partitionInterval, retentionInterval);
          return null;
        });
  }

  @Override
  default boolean dropQueue(String queue) {
    return DefaultPgmqClient.single(this, p -> p.dropQueue(queue));
  }

  @Override
  default List<QueueInfo> listQueues() {
    return DefaultPgmqClient.single(this, p -> p.listQueues());
  }

  @Override
  default long purge(String queue) {
    return DefaultPgmqClient.single(this, p -> p.purge(queue));
  }

  @Override
  default QueueMetrics metrics(String queue) {
    return DefaultPgmqClient.single(this, p -> p.metrics(queue));
  }

  @Override
  default List<QueueMetrics> metricsAll() {
    return DefaultPgmqClient.single(this, p -> p.metricsAll());
  }

  @Override
  default long send(String queue, Object message) {
    return DefaultPgmqClient.single(this, p -> p.send(queue, message));
  }

  @Override
  default long send(String queue, Object message, Duration delay) {
    return DefaultPgmqClient.single(this, p -> p.send(queue, message, delay));
  }

  @Override
  default long send(String queue, Object message, Instant visibleAt) {
    return DefaultPgmqClient.single(this, p -> p.send(queue, message, visibleAt));
  }

  @Override
  default long send(String queue, Object message, Map<String, ?> headers) {
    return DefaultPgmqClient.single(this, p -> p.send(queue, message, headers));
  }

  @Override
  default long send(String queue, Object message, Map<String, ?> headers, Duration delay) {
    return DefaultPgmqClient.single(this, p -> p.send(queue, message, headers, delay));
  }

  @Override
  default long send(String queue, Object message, Map<String, ?> headers, Instant visibleAt) {
    return DefaultPgmqClient.single(this, p -> p.send(queue, message, headers, visibleAt));
  }

  @Override
  default List<Long> sendBatch(String queue, List<?> messages) {
    return DefaultPgmqClient.single(this, p -> p.sendBatch(queue, messages));
  }

  @Override
  default List<Long> sendBatch(String queue, List<?> messages, Duration delay) {
    return DefaultPgmqClient.single(this, p -> p.sendBatch(queue, messages, delay));
  }

  @Override
  default List<Long> sendBatch(String queue, List<?> messages, Instant visibleAt) {
    return DefaultPgmqClient.single(this, p -> p.sendBatch(queue, messages, visibleAt));
  }

  @Override
  default List<Long> sendBatch(
      String queue, List<?> messages, List<? extends Map<String, ?>> headers) {
    return DefaultPgmqClient.single(this, p -> p.sendBatch(queue, messages, headers));
  }

  @Override
  default List<Long> sendBatch(
      String queue, List<?> messages, List<? extends Map<String, ?>> headers, Duration delay) {
    return DefaultPgmqClient.single(this, p -> p.sendBatch(queue, messages, headers, delay));
  }

  @Override
  default List<Long> sendBatch(
      String queue, List<?> messages, List<? extends Map<String, ?>> headers, Instant visibleAt) {
    return DefaultPgmqClient.single(this, p -> p.sendBatch(queue, messages, headers, visibleAt));
  }

  @Override
  default Optional<Message<JsonNode>> read(String queue, Duration vt) {
    return DefaultPgmqClient.single(this, p -> p.read(queue, vt));
  }

  @Override
  default <T> Optional<Message<T>> read(String queue, Duration vt, Class<T> type) {
    return DefaultPgmqClient.single(this, p -> p.read(queue, vt, type));
  }

  @Override
  default <T> Optional<Message<T>> read(String queue, Duration vt, TypeReference<T> type) {
    return DefaultPgmqClient.single(this, p -> p.read(queue, vt, type));
  }

  @Override
  default List<Message<JsonNode>> readBatch(String queue, Duration vt, int qty) {
    return DefaultPgmqClient.single(this, p -> p.readBatch(queue, vt, qty));
  }

  @Override
  default <T> List<Message<T>> readBatch(String queue, Duration vt, int qty, Class<T> type) {
    return DefaultPgmqClient.single(this, p -> p.readBatch(queue, vt, qty, type));
  }

  @Override
  default <T> List<Message<T>> readBatch(
      String queue, Duration vt, int qty, TypeReference<T> type) {
    return DefaultPgmqClient.single(this, p -> p.readBatch(queue, vt, qty, type));
  }

  @Override
  default <T> List<Message<T>> readBatch(
      String queue, Duration vt, int qty, Object conditional, Class<T> type) {
    return DefaultPgmqClient.single(this, p -> p.readBatch(queue, vt, qty, conditional, type));
  }

  @Override
  default List<Message<JsonNode>> readWithPoll(
      String queue, Duration vt, int qty, Duration maxPoll, Duration pollInterval) {
    return DefaultPgmqClient.single(
        this, p -> p.readWithPoll(queue, vt, qty, maxPoll, pollInterval));
  }

  @Override
  default <T> List<Message<T>> readWithPoll(
      String queue, Duration vt, int qty, Duration maxPoll, Duration pollInterval, Class<T> type) {
    return DefaultPgmqClient.single(
        this, p -> p.readWithPoll(queue, vt, qty, maxPoll, pollInterval, type));
  }

  @Override
  default <T> List<Message<T>> readWithPoll(
      String queue,
      Duration vt,
      int qty,
      Duration maxPoll,
      Duration pollInterval,
      TypeReference<T> type) {
    return DefaultPgmqClient.single(
        this, p -> p.readWithPoll(queue, vt, qty, maxPoll, pollInterval, type));
  }

  @Override
  default <T> List<Message<T>> readWithPoll(
      String queue,
      Duration vt,
      int qty,
      Duration maxPoll,
      Duration pollInterval,
      Object conditional,
      Class<T> type) {
    return DefaultPgmqClient.single(
        this, p -> p.readWithPoll(queue, vt, qty, maxPoll, pollInterval, conditional, type));
  }

  @Override
  default Optional<Message<JsonNode>> pop(String queue) {
    return DefaultPgmqClient.single(this, p -> p.pop(queue));
  }

  @Override
  default <T> Optional<Message<T>> pop(String queue, Class<T> type) {
    return DefaultPgmqClient.single(this, p -> p.pop(queue, type));
  }

  @Override
  default <T> List<Message<T>> pop(String queue, int qty, Class<T> type) {
    return DefaultPgmqClient.single(this, p -> p.pop(queue, qty, type));
  }

  @Override
  default <T> List<Message<T>> readGrouped(String queue, Duration vt, int qty, Class<T> type) {
    return DefaultPgmqClient.single(this, p -> p.readGrouped(queue, vt, qty, type));
  }

  @Override
  default <T> List<Message<T>> readGroupedRoundRobin(
      String queue, Duration vt, int qty, Class<T> type) {
    return DefaultPgmqClient.single(this, p -> p.readGroupedRoundRobin(queue, vt, qty, type));
  }

  @Override
  default <T> List<Message<T>> readGroupedHead(String queue, Duration vt, int qty, Class<T> type) {
    return DefaultPgmqClient.single(this, p -> p.readGroupedHead(queue, vt, qty, type));
  }

  @Override
  default <T> List<Message<T>> readGroupedWithPoll(
      String queue, Duration vt, int qty, Duration maxPoll, Duration pollInterval, Class<T> type) {
    return DefaultPgmqClient.single(
        this, p -> p.readGroupedWithPoll(queue, vt, qty, maxPoll, pollInterval, type));
  }

  @Override
  default <T> List<Message<T>> readGroupedRoundRobinWithPoll(
      String queue, Duration vt, int qty, Duration maxPoll, Duration pollInterval, Class<T> type) {
    return DefaultPgmqClient.single(
        this, p -> p.readGroupedRoundRobinWithPoll(queue, vt, qty, maxPoll, pollInterval, type));
  }

  @Override
  default <T> List<Message<T>> readGroupedHeadWithPoll(
      String queue, Duration vt, int qty, Duration maxPoll, Duration pollInterval, Class<T> type) {
    return DefaultPgmqClient.single(
        this, p -> p.readGroupedHeadWithPoll(queue, vt, qty, maxPoll, pollInterval, type));
  }

  @Override
  default Optional<Message<JsonNode>> setVt(String queue, long msgId, Duration vt) {
    return DefaultPgmqClient.single(this, p -> p.setVt(queue, msgId, vt));
  }

  @Override
  default Optional<Message<JsonNode>> setVt(String queue, long msgId, Instant visibleAt) {
    return DefaultPgmqClient.single(this, p -> p.setVt(queue, msgId, visibleAt));
  }

  @Override
  default List<Message<JsonNode>> setVt(String queue, List<Long> msgIds, Duration vt) {
    return DefaultPgmqClient.single(this, p -> p.setVt(queue, msgIds, vt));
  }

  @Override
  default List<Message<JsonNode>> setVt(String queue, List<Long> msgIds, Instant visibleAt) {
    return DefaultPgmqClient.single(this, p -> p.setVt(queue, msgIds, visibleAt));
  }

  @Override
  default boolean delete(String queue, long msgId) {
    return DefaultPgmqClient.single(this, p -> p.delete(queue, msgId));
  }

  @Override
  default List<Long> deleteBatch(String queue, List<Long> msgIds) {
    return DefaultPgmqClient.single(this, p -> p.deleteBatch(queue, msgIds));
  }

  @Override
  default boolean archive(String queue, long msgId) {
    return DefaultPgmqClient.single(this, p -> p.archive(queue, msgId));
  }

  @Override
  default List<Long> archiveBatch(String queue, List<Long> msgIds) {
    return DefaultPgmqClient.single(this, p -> p.archiveBatch(queue, msgIds));
  }

  @Override
  default void bindTopic(String pattern, String queue) {
    DefaultPgmqClient.single(
        this,
        p -> {
          p.bindTopic(pattern, queue);
          return null;
        });
  }

  @Override
  default boolean unbindTopic(String pattern, String queue) {
    return DefaultPgmqClient.single(this, p -> p.unbindTopic(pattern, queue));
  }

  @Override
  default int sendTopic(String routingKey, Object message) {
    return DefaultPgmqClient.single(this, p -> p.sendTopic(routingKey, message));
  }

  @Override
  default int sendTopic(String routingKey, Object message, Map<String, ?> headers, Duration delay) {
    return DefaultPgmqClient.single(this, p -> p.sendTopic(routingKey, message, headers, delay));
  }

  @Override
  default List<RoutedMessage> sendBatchTopic(String routingKey, List<?> messages) {
    return DefaultPgmqClient.single(this, p -> p.sendBatchTopic(routingKey, messages));
  }

  @Override
  default List<RoutedMessage> sendBatchTopic(
      String routingKey, List<?> messages, List<? extends Map<String, ?>> headers, Duration delay) {
    return DefaultPgmqClient.single(
        this, p -> p.sendBatchTopic(routingKey, messages, headers, delay));
  }

  @Override
  default List<TopicBinding> listTopicBindings() {
    return DefaultPgmqClient.single(this, p -> p.listTopicBindings());
  }

  @Override
  default List<TopicBinding> listTopicBindings(String queue) {
    return DefaultPgmqClient.single(this, p -> p.listTopicBindings(queue));
  }

  @Override
  default List<TopicBinding> testRouting(String routingKey) {
    return DefaultPgmqClient.single(this, p -> p.testRouting(routingKey));
  }

  @Override
  default void enableNotifyInsert(String queue, Duration throttle) {
    DefaultPgmqClient.single(
        this,
        p -> {
          p.enableNotifyInsert(queue, throttle);
          return null;
        });
  }

  @Override
  default void disableNotifyInsert(String queue) {
    DefaultPgmqClient.single(
        this,
        p -> {
          p.disableNotifyInsert(queue);
          return null;
        });
  }
}
