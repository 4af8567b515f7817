package dev.pgmq.jpa;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.internal.ClientAsyncPgmq;
import dev.pgmq.jpa.internal.QueueNames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Every {@link Pgmq} operation returning a {@code CompletableFuture}; obtain it from {@link
 * PgmqClient#async()}.
 *
 * <p>Each call runs in a transaction of its own, committed before the future completes, on the
 * client's executor ({@link PgmqConfig#asyncExecutor()}, or the client's own bounded by {@link
 * PgmqConfig#poolSize()}). Failures, including invalid arguments, complete the future exceptionally
 * with the same exceptions the synchronous operation throws (wrapped in a {@code
 * CompletionException} by {@code join()}). Results are never {@code null} except {@code Void}.
 *
 * <p><b>Thread-safety:</b> thread-safe, as the client.
 */
public interface AsyncPgmq {

  /**
   * Runs {@code work} in one transaction on the client's executor; the future completes with what
   * it returned after the commit, or exceptionally after the rollback.
   */
  <R> CompletableFuture<R> inTransaction(Function<Pgmq, R> work);

  /** {@link Pgmq#createQueue} in a transaction of its own, on the client's executor. */
  default CompletableFuture<Void> createQueue(String queue) {
    return ClientAsyncPgmq.single(
        this,
        p -> {
          p.createQueue(queue);
          return null;
        });
  }

  /** {@link Pgmq#createUnloggedQueue} in a transaction of its own, on the client's executor. */
  default CompletableFuture<Void> createUnloggedQueue(String queue) {
    return ClientAsyncPgmq.single(
        this,
        p -> {
          p.createUnloggedQueue(queue);
          return null;
        });
  }

  /** {@link Pgmq#createPartitionedQueue} in a transaction of its own, on the client's executor. */
  default CompletableFuture<Void> createPartitionedQueue(
      String queue, String partitionInterval, String retentionInterval) {
    return ClientAsyncPgmq.single(
        this,
        p -> {
          p.createPartitionedQueue(queue, partitionInterval, retentionInterval);
          return null;
        });
  }

  /** {@link Pgmq#createPartitionedQueue} in a transaction of its own, on the client's executor. */
  default CompletableFuture<Void> createPartitionedQueue(String queue) {
    return ClientAsyncPgmq.single(
        this,
        p -> {
          p.createPartitionedQueue(queue);
          return null;
        });
  }

  /**
   * {@link Pgmq#validateQueueName}: checked at once on the calling thread, without SQL; the
   * returned future is already complete (exceptionally when the name is invalid).
   */
  default CompletableFuture<Void> validateQueueName(String queue) {
    try {
      QueueNames.check(queue);
      return CompletableFuture.completedFuture(null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** {@link Pgmq#dropQueue} in a transaction of its own, on the client's executor. */
  default CompletableFuture<Boolean> dropQueue(String queue) {
    return ClientAsyncPgmq.single(this, p -> p.dropQueue(queue));
  }

  /** {@link Pgmq#listQueues} in a transaction of its own, on the client's executor. */
  default CompletableFuture<List<QueueInfo>> listQueues() {
    return ClientAsyncPgmq.single(this, p -> p.listQueues());
  }

  /** {@link Pgmq#purge} in a transaction of its own, on the client's executor. */
  default CompletableFuture<Long> purge(String queue) {
    return ClientAsyncPgmq.single(this, p -> p.purge(queue));
  }

  /** {@link Pgmq#metrics} in a transaction of its own, on the client's executor. */
  default CompletableFuture<QueueMetrics> metrics(String queue) {
    return ClientAsyncPgmq.single(this, p -> p.metrics(queue));
  }

  /** {@link Pgmq#metricsAll} in a transaction of its own, on the client's executor. */
  default CompletableFuture<List<QueueMetrics>> metricsAll() {
    return ClientAsyncPgmq.single(this, p -> p.metricsAll());
  }

  /** {@link Pgmq#send} in a transaction of its own, on the client's executor. */
  default CompletableFuture<Long> send(String queue, Object message) {
    return ClientAsyncPgmq.single(this, p -> p.send(queue, message));
  }

  /** {@link Pgmq#send} in a transaction of its own, on the client's executor. */
  default CompletableFuture<Long> send(String queue, Object message, Duration delay) {
    return ClientAsyncPgmq.single(this, p -> p.send(queue, message, delay));
  }

  /** {@link Pgmq#send} in a transaction of its own, on the client's executor. */
  default CompletableFuture<Long> send(String queue, Object message, Instant visibleAt) {
    return ClientAsyncPgmq.single(this, p -> p.send(queue, message, visibleAt));
  }

  /** {@link Pgmq#send} in a transaction of its own, on the client's executor. */
  default CompletableFuture<Long> send(String queue, Object message, Map<String, ?> headers) {
    return ClientAsyncPgmq.single(this, p -> p.send(queue, message, headers));
  }

  /** {@link Pgmq#send} in a transaction of its own, on the client's executor. */
  default CompletableFuture<Long> send(
      String queue, Object message, Map<String, ?> headers, Duration delay) {
    return ClientAsyncPgmq.single(this, p -> p.send(queue, message, headers, delay));
  }

  /** {@link Pgmq#send} in a transaction of its own, on the client's executor. */
  default CompletableFuture<Long> send(
      String queue, Object message, Map<String, ?> headers, Instant visibleAt) {
    return ClientAsyncPgmq.single(this, p -> p.send(queue, message, headers, visibleAt));
  }

  /** {@link Pgmq#sendBatch} in a transaction of its own, on the client's executor. */
  default CompletableFuture<List<Long>> sendBatch(String queue, List<?> messages) {
    return ClientAsyncPgmq.single(this, p -> p.sendBatch(queue, messages));
  }

  /** {@link Pgmq#sendBatch} in a transaction of its own, on the client's executor. */
  default CompletableFuture<List<Long>> sendBatch(String queue, List<?> messages, Duration delay) {
    return ClientAsyncPgmq.single(this, p -> p.sendBatch(queue, messages, delay));
  }

  /** {@link Pgmq#sendBatch} in a transaction of its own, on the client's executor. */
  default CompletableFuture<List<Long>> sendBatch(
      String queue, List<?> messages, Instant visibleAt) {
    return ClientAsyncPgmq.single(this, p -> p.sendBatch(queue, messages, visibleAt));
  }

  /** {@link Pgmq#sendBatch} in a transaction of its own, on the client's executor. */
  default CompletableFuture<List<Long>> sendBatch(
      String queue, List<?> messages, List<? extends Map<String, ?>> headers) {
    return ClientAsyncPgmq.single(this, p -> p.sendBatch(queue, messages, headers));
  }

  /** {@link Pgmq#sendBatch} in a transaction of its own, on the client's executor. */
  default CompletableFuture<List<Long>> sendBatch(
      String queue, List<?> messages, List<? extends Map<String, ?>> headers, Duration delay) {
    return ClientAsyncPgmq.single(this, p -> p.sendBatch(queue, messages, headers, delay));
  }

  /** {@link Pgmq#sendBatch} in a transaction of its own, on the client's executor. */
  default CompletableFuture<List<Long>> sendBatch(
      String queue, List<?> messages, List<? extends Map<String, ?>> headers, Instant visibleAt) {
    return ClientAsyncPgmq.single(this, p -> p.sendBatch(queue, messages, headers, visibleAt));
  }

  /** {@link Pgmq#read} in a transaction of its own, on the client's executor. */
  default CompletableFuture<Optional<Message<JsonNode>>> read(String queue, Duration vt) {
    return ClientAsyncPgmq.single(this, p -> p.read(queue, vt));
  }

  /** {@link Pgmq#read} in a transaction of its own, on the client's executor. */
  default <T> CompletableFuture<Optional<Message<T>>> read(
      String queue, Duration vt, Class<T> type) {
    return ClientAsyncPgmq.single(this, p -> p.read(queue, vt, type));
  }

  /** {@link Pgmq#read} in a transaction of its own, on the client's executor. */
  default <T> CompletableFuture<Optional<Message<T>>> read(
      String queue, Duration vt, TypeReference<T> type) {
    return ClientAsyncPgmq.single(this, p -> p.read(queue, vt, type));
  }

  /** {@link Pgmq#readBatch} in a transaction of its own, on the client's executor. */
  default CompletableFuture<List<Message<JsonNode>>> readBatch(String queue, Duration vt, int qty) {
    return ClientAsyncPgmq.single(this, p -> p.readBatch(queue, vt, qty));
  }

  /** {@link Pgmq#readBatch} in a transaction of its own, on the client's executor. */
  default <T> CompletableFuture<List<Message<T>>> readBatch(
      String queue, Duration vt, int qty, Class<T> type) {
    return ClientAsyncPgmq.single(this, p -> p.readBatch(queue, vt, qty, type));
  }

  /** {@link Pgmq#readBatch} in a transaction of its own, on the client's executor. */
  default <T> CompletableFuture<List<Message<T>>> readBatch(
      String queue, Duration vt, int qty, TypeReference<T> type) {
    return ClientAsyncPgmq.single(this, p -> p.readBatch(queue, vt, qty, type));
  }

  /** {@link Pgmq#readBatch} in a transaction of its own, on the client's executor. */
  default <T> CompletableFuture<List<Message<T>>> readBatch(
      String queue, Duration vt, int qty, Object conditional, Class<T> type) {
    return ClientAsyncPgmq.single(this, p -> p.readBatch(queue, vt, qty, conditional, type));
  }

  /** {@link Pgmq#readWithPoll} in a transaction of its own, on the client's executor. */
  default CompletableFuture<List<Message<JsonNode>>> readWithPoll(
      String queue, Duration vt, int qty, Duration maxPoll, Duration pollInterval) {
    return ClientAsyncPgmq.single(this, p -> p.readWithPoll(queue, vt, qty, maxPoll, pollInterval));
  }

  /** {@link Pgmq#readWithPoll} in a transaction of its own, on the client's executor. */
  default <T> CompletableFuture<List<Message<T>>> readWithPoll(
      String queue, Duration vt, int qty, Duration maxPoll, Duration pollInterval, Class<T> type) {
    return ClientAsyncPgmq.single(
        this, p -> p.readWithPoll(queue, vt, qty, maxPoll, pollInterval, type));
  }

  /** {@link Pgmq#readWithPoll} in a transaction of its own, on the client's executor. */
  default <T> CompletableFuture<List<Message<T>>> readWithPoll(
      String queue,
      Duration vt,
      int qty,
      Duration maxPoll,
      Duration pollInterval,
      TypeReference<T> type) {
    return ClientAsyncPgmq.single(
        this, p -> p.readWithPoll(queue, vt, qty, maxPoll, pollInterval, type));
  }

  /** {@link Pgmq#readWithPoll} in a transaction of its own, on the client's executor. */
  default <T> CompletableFuture<List<Message<T>>> readWithPoll(
      String queue,
      Duration vt,
      int qty,
      Duration maxPoll,
      Duration pollInterval,
      Object conditional,
      Class<T> type) {
    return ClientAsyncPgmq.single(
        this, p -> p.readWithPoll(queue, vt, qty, maxPoll, pollInterval, conditional, type));
  }

  /** {@link Pgmq#pop} in a transaction of its own, on the client's executor. */
  default CompletableFuture<Optional<Message<JsonNode>>> pop(String queue) {
    return ClientAsyncPgmq.single(this, p -> p.pop(queue));
  }

  /** {@link Pgmq#pop} in a transaction of its own, on the client's executor. */
  default <T> CompletableFuture<Optional<Message<T>>> pop(String queue, Class<T> type) {
    return ClientAsyncPgmq.single(this, p -> p.pop(queue, type));
  }

  /** {@link Pgmq#pop} in a transaction of its own, on the client's executor. */
  default <T> CompletableFuture<List<Message<T>>> pop(String queue, int qty, Class<T> type) {
    return ClientAsyncPgmq.single(this, p -> p.pop(queue, qty, type));
  }

  /** {@link Pgmq#readGrouped} in a transaction of its own, on the client's executor. */
  default <T> CompletableFuture<List<Message<T>>> readGrouped(
      String queue, Duration vt, int qty, Class<T> type) {
    return ClientAsyncPgmq.single(this, p -> p.readGrouped(queue, vt, qty, type));
  }

  /** {@link Pgmq#readGroupedRoundRobin} in a transaction of its own, on the client's executor. */
  default <T> CompletableFuture<List<Message<T>>> readGroupedRoundRobin(
      String queue, Duration vt, int qty, Class<T> type) {
    return ClientAsyncPgmq.single(this, p -> p.readGroupedRoundRobin(queue, vt, qty, type));
  }

  /** {@link Pgmq#readGroupedHead} in a transaction of its own, on the client's executor. */
  default <T> CompletableFuture<List<Message<T>>> readGroupedHead(
      String queue, Duration vt, int qty, Class<T> type) {
    return ClientAsyncPgmq.single(this, p -> p.readGroupedHead(queue, vt, qty, type));
  }

  /** {@link Pgmq#readGroupedWithPoll} in a transaction of its own, on the client's executor. */
  default <T> CompletableFuture<List<Message<T>>> readGroupedWithPoll(
      String queue, Duration vt, int qty, Duration maxPoll, Duration pollInterval, Class<T> type) {
    return ClientAsyncPgmq.single(
        this, p -> p.readGroupedWithPoll(queue, vt, qty, maxPoll, pollInterval, type));
  }

  /**
   * {@link Pgmq#readGroupedRoundRobinWithPoll} in a transaction of its own, on the client's
   * executor.
   */
  default <T> CompletableFuture<List<Message<T>>> readGroupedRoundRobinWithPoll(
      String queue, Duration vt, int qty, Duration maxPoll, Duration pollInterval, Class<T> type) {
    return ClientAsyncPgmq.single(
        this, p -> p.readGroupedRoundRobinWithPoll(queue, vt, qty, maxPoll, pollInterval, type));
  }

  /** {@link Pgmq#readGroupedHeadWithPoll} in a transaction of its own, on the client's executor. */
  default <T> CompletableFuture<List<Message<T>>> readGroupedHeadWithPoll(
      String queue, Duration vt, int qty, Duration maxPoll, Duration pollInterval, Class<T> type) {
    return ClientAsyncPgmq.single(
        this, p -> p.readGroupedHeadWithPoll(queue, vt, qty, maxPoll, pollInterval, type));
  }

  /** {@link Pgmq#setVt} in a transaction of its own, on the client's executor. */
  default CompletableFuture<Optional<Message<JsonNode>>> setVt(
      String queue, long msgId, Duration vt) {
    return ClientAsyncPgmq.single(this, p -> p.setVt(queue, msgId, vt));
  }

  /** {@link Pgmq#setVt} in a transaction of its own, on the client's executor. */
  default CompletableFuture<Optional<Message<JsonNode>>> setVt(
      String queue, long msgId, Instant visibleAt) {
    return ClientAsyncPgmq.single(this, p -> p.setVt(queue, msgId, visibleAt));
  }

  /** {@link Pgmq#setVt} in a transaction of its own, on the client's executor. */
  default CompletableFuture<List<Message<JsonNode>>> setVt(
      String queue, List<Long> msgIds, Duration vt) {
    return ClientAsyncPgmq.single(this, p -> p.setVt(queue, msgIds, vt));
  }

  /** {@link Pgmq#setVt} in a transaction of its own, on the client's executor. */
  default CompletableFuture<List<Message<JsonNode>>> setVt(
      String queue, List<Long> msgIds, Instant visibleAt) {
    return ClientAsyncPgmq.single(this, p -> p.setVt(queue, msgIds, visibleAt));
  }

  /** {@link Pgmq#delete} in a transaction of its own, on the client's executor. */
  default CompletableFuture<Boolean> delete(String queue, long msgId) {
    return ClientAsyncPgmq.single(this, p -> p.delete(queue, msgId));
  }

  /** {@link Pgmq#deleteBatch} in a transaction of its own, on the client's executor. */
  default CompletableFuture<List<Long>> deleteBatch(String queue, List<Long> msgIds) {
    return ClientAsyncPgmq.single(this, p -> p.deleteBatch(queue, msgIds));
  }

  /** {@link Pgmq#archive} in a transaction of its own, on the client's executor. */
  default CompletableFuture<Boolean> archive(String queue, long msgId) {
    return ClientAsyncPgmq.single(this, p -> p.archive(queue, msgId));
  }

  /** {@link Pgmq#archiveBatch} in a transaction of its own, on the client's executor. */
  default CompletableFuture<List<Long>> archiveBatch(String queue, List<Long> msgIds) {
    return ClientAsyncPgmq.single(this, p -> p.archiveBatch(queue, msgIds));
  }

  /** {@link Pgmq#bindTopic} in a transaction of its own, on the client's executor. */
  default CompletableFuture<Void> bindTopic(String pattern, String queue) {
    return ClientAsyncPgmq.single(
        this,
        p -> {
          p.bindTopic(pattern, queue);
          return null;
        });
  }

  /** {@link Pgmq#unbindTopic} in a transaction of its own, on the client's executor. */
  default CompletableFuture<Boolean> unbindTopic(String pattern, String queue) {
    return ClientAsyncPgmq.single(this, p -> p.unbindTopic(pattern, queue));
  }

  /** {@link Pgmq#sendTopic} in a transaction of its own, on the client's executor. */
  default CompletableFuture<Integer> sendTopic(String routingKey, Object message) {
    return ClientAsyncPgmq.single(this, p -> p.sendTopic(routingKey, message));
  }

  /** {@link Pgmq#sendTopic} in a transaction of its own, on the client's executor. */
  default CompletableFuture<Integer> sendTopic(
      String routingKey, Object message, Map<String, ?> headers, Duration delay) {
    return ClientAsyncPgmq.single(this, p -> p.sendTopic(routingKey, message, headers, delay));
  }

  /** {@link Pgmq#sendBatchTopic} in a transaction of its own, on the client's executor. */
  default CompletableFuture<List<RoutedMessage>> sendBatchTopic(
      String routingKey, List<?> messages) {
    return ClientAsyncPgmq.single(this, p -> p.sendBatchTopic(routingKey, messages));
  }

  /** {@link Pgmq#sendBatchTopic} in a transaction of its own, on the client's executor. */
  default CompletableFuture<List<RoutedMessage>> sendBatchTopic(
      String routingKey, List<?> messages, List<? extends Map<String, ?>> headers, Duration delay) {
    return ClientAsyncPgmq.single(
        this, p -> p.sendBatchTopic(routingKey, messages, headers, delay));
  }

  /** {@link Pgmq#listTopicBindings} in a transaction of its own, on the client's executor. */
  default CompletableFuture<List<TopicBinding>> listTopicBindings() {
    return ClientAsyncPgmq.single(this, p -> p.listTopicBindings());
  }

  /** {@link Pgmq#listTopicBindings} in a transaction of its own, on the client's executor. */
  default CompletableFuture<List<TopicBinding>> listTopicBindings(String queue) {
    return ClientAsyncPgmq.single(this, p -> p.listTopicBindings(queue));
  }

  /** {@link Pgmq#testRouting} in a transaction of its own, on the client's executor. */
  default CompletableFuture<List<TopicBinding>> testRouting(String routingKey) {
    return ClientAsyncPgmq.single(this, p -> p.testRouting(routingKey));
  }

  /** {@link Pgmq#enableNotifyInsert} in a transaction of its own, on the client's executor. */
  default CompletableFuture<Void> enableNotifyInsert(String queue, Duration throttle) {
    return ClientAsyncPgmq.single(
        this,
        p -> {
          p.enableNotifyInsert(queue, throttle);
          return null;
        });
  }

  /** {@link Pgmq#enableNotifyInsert} in a transaction of its own, on the client's executor. */
  default CompletableFuture<Void> enableNotifyInsert(String queue) {
    return ClientAsyncPgmq.single(
        this,
        p -> {
          p.enableNotifyInsert(queue);
          return null;
        });
  }

  /** {@link Pgmq#disableNotifyInsert} in a transaction of its own, on the client's executor. */
  default CompletableFuture<Void> disableNotifyInsert(String queue) {
    return ClientAsyncPgmq.single(
        this,
        p -> {
          p.disableNotifyInsert(queue);
          return null;
        });
  }
}
