package dev.pgmq.cdi.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqQueue;
import dev.pgmq.jpa.QueueInfo;
import dev.pgmq.jpa.QueueMetrics;
import dev.pgmq.jpa.ReadOptions;
import dev.pgmq.jpa.RoutedMessage;
import dev.pgmq.jpa.SendOptions;
import dev.pgmq.jpa.TopicBinding;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link Pgmq} that forwards every operation to {@link #delegate()}, asked again for each call.
 * Pure forwarding: a new abstract operation of {@link Pgmq} is added here as one more line.
 */
public abstract class ForwardingPgmq implements Pgmq {

  /** The operations to run this call on. */
  protected abstract Pgmq delegate();

  @Override
  public <T> PgmqQueue<T> queue(String queue, Class<T> type) {
    return delegate().queue(queue, type);
  }

  @Override
  public <T> PgmqQueue<T> queue(String queue, TypeReference<T> type) {
    return delegate().queue(queue, type);
  }

  @Override
  public void createQueue(String queue) {
    delegate().createQueue(queue);
  }

  @Override
  public void createUnloggedQueue(String queue) {
    delegate().createUnloggedQueue(queue);
  }

  @Override
  public void createPartitionedQueue(
      String queue, String partitionInterval, String retentionInterval) {
    delegate().createPartitionedQueue(queue, partitionInterval, retentionInterval);
  }

  @Override
  public void validateQueueName(String queue) {
    delegate().validateQueueName(queue);
  }

  @Override
  public boolean dropQueue(String queue) {
    return delegate().dropQueue(queue);
  }

  @Override
  public List<QueueInfo> listQueues() {
    return delegate().listQueues();
  }

  @Override
  public long purge(String queue) {
    return delegate().purge(queue);
  }

  @Override
  public QueueMetrics metrics(String queue) {
    return delegate().metrics(queue);
  }

  @Override
  public List<QueueMetrics> metricsAll() {
    return delegate().metricsAll();
  }

  @Override
  public long send(String queue, Object message) {
    return delegate().send(queue, message);
  }

  @Override
  public long send(String queue, Object message, Duration delay) {
    return delegate().send(queue, message, delay);
  }

  @Override
  public long send(String queue, Object message, SendOptions options) {
    return delegate().send(queue, message, options);
  }

  @Override
  public List<Long> sendBatch(String queue, List<?> messages) {
    return delegate().sendBatch(queue, messages);
  }

  @Override
  public List<Long> sendBatch(String queue, List<?> messages, Duration delay) {
    return delegate().sendBatch(queue, messages, delay);
  }

  @Override
  public List<Long> sendBatch(String queue, List<?> messages, SendOptions options) {
    return delegate().sendBatch(queue, messages, options);
  }

  @Override
  public List<Long> sendBatch(
      String queue, List<?> messages, List<? extends Map<String, ?>> headers, SendOptions options) {
    return delegate().sendBatch(queue, messages, headers, options);
  }

  @Override
  public Optional<Message<JsonNode>> read(String queue, Duration vt) {
    return delegate().read(queue, vt);
  }

  @Override
  public <T> Optional<Message<T>> read(String queue, Duration vt, Class<T> type) {
    return delegate().read(queue, vt, type);
  }

  @Override
  public <T> Optional<Message<T>> read(String queue, Duration vt, TypeReference<T> type) {
    return delegate().read(queue, vt, type);
  }

  @Override
  public List<Message<JsonNode>> readBatch(String queue, Duration vt, int qty) {
    return delegate().readBatch(queue, vt, qty);
  }

  @Override
  public <T> List<Message<T>> readBatch(String queue, Duration vt, int qty, Class<T> type) {
    return delegate().readBatch(queue, vt, qty, type);
  }

  @Override
  public <T> List<Message<T>> readBatch(String queue, Duration vt, int qty, TypeReference<T> type) {
    return delegate().readBatch(queue, vt, qty, type);
  }

  @Override
  public <T> List<Message<T>> readBatch(String queue, ReadOptions options, Class<T> type) {
    return delegate().readBatch(queue, options, type);
  }

  @Override
  public <T> List<Message<T>> readBatch(String queue, ReadOptions options, TypeReference<T> type) {
    return delegate().readBatch(queue, options, type);
  }

  @Override
  public List<Message<JsonNode>> readWithPoll(
      String queue, Duration vt, int qty, Duration maxPoll, Duration pollInterval) {
    return delegate().readWithPoll(queue, vt, qty, maxPoll, pollInterval);
  }

  @Override
  public <T> List<Message<T>> readWithPoll(
      String queue, Duration vt, int qty, Duration maxPoll, Duration pollInterval, Class<T> type) {
    return delegate().readWithPoll(queue, vt, qty, maxPoll, pollInterval, type);
  }

  @Override
  public <T> List<Message<T>> readWithPoll(
      String queue,
      Duration vt,
      int qty,
      Duration maxPoll,
      Duration pollInterval,
      TypeReference<T> type) {
    return delegate().readWithPoll(queue, vt, qty, maxPoll, pollInterval, type);
  }

  @Override
  public Optional<Message<JsonNode>> pop(String queue) {
    return delegate().pop(queue);
  }

  @Override
  public <T> Optional<Message<T>> pop(String queue, Class<T> type) {
    return delegate().pop(queue, type);
  }

  @Override
  public <T> Optional<Message<T>> pop(String queue, TypeReference<T> type) {
    return delegate().pop(queue, type);
  }

  @Override
  public <T> List<Message<T>> pop(String queue, int qty, Class<T> type) {
    return delegate().pop(queue, qty, type);
  }

  @Override
  public <T> List<Message<T>> pop(String queue, int qty, TypeReference<T> type) {
    return delegate().pop(queue, qty, type);
  }

  @Override
  public Optional<Message<JsonNode>> setVt(String queue, long msgId, Duration vt) {
    return delegate().setVt(queue, msgId, vt);
  }

  @Override
  public Optional<Message<JsonNode>> setVt(String queue, long msgId, Instant visibleAt) {
    return delegate().setVt(queue, msgId, visibleAt);
  }

  @Override
  public List<Message<JsonNode>> setVt(String queue, List<Long> msgIds, Duration vt) {
    return delegate().setVt(queue, msgIds, vt);
  }

  @Override
  public List<Message<JsonNode>> setVt(String queue, List<Long> msgIds, Instant visibleAt) {
    return delegate().setVt(queue, msgIds, visibleAt);
  }

  @Override
  public boolean delete(String queue, long msgId) {
    return delegate().delete(queue, msgId);
  }

  @Override
  public List<Long> deleteBatch(String queue, List<Long> msgIds) {
    return delegate().deleteBatch(queue, msgIds);
  }

  @Override
  public boolean archive(String queue, long msgId) {
    return delegate().archive(queue, msgId);
  }

  @Override
  public List<Long> archiveBatch(String queue, List<Long> msgIds) {
    return delegate().archiveBatch(queue, msgIds);
  }

  @Override
  public void bindTopic(String pattern, String queue) {
    delegate().bindTopic(pattern, queue);
  }

  @Override
  public boolean unbindTopic(String pattern, String queue) {
    return delegate().unbindTopic(pattern, queue);
  }

  @Override
  public int sendTopic(String routingKey, Object message) {
    return delegate().sendTopic(routingKey, message);
  }

  @Override
  public int sendTopic(String routingKey, Object message, SendOptions options) {
    return delegate().sendTopic(routingKey, message, options);
  }

  @Override
  public List<RoutedMessage> sendBatchTopic(String routingKey, List<?> messages) {
    return delegate().sendBatchTopic(routingKey, messages);
  }

  @Override
  public List<RoutedMessage> sendBatchTopic(
      String routingKey, List<?> messages, SendOptions options) {
    return delegate().sendBatchTopic(routingKey, messages, options);
  }

  @Override
  public List<RoutedMessage> sendBatchTopic(
      String routingKey,
      List<?> messages,
      List<? extends Map<String, ?>> headers,
      SendOptions options) {
    return delegate().sendBatchTopic(routingKey, messages, headers, options);
  }

  @Override
  public List<TopicBinding> listTopicBindings() {
    return delegate().listTopicBindings();
  }

  @Override
  public List<TopicBinding> listTopicBindings(String queue) {
    return delegate().listTopicBindings(queue);
  }

  @Override
  public List<TopicBinding> testRouting(String routingKey) {
    return delegate().testRouting(routingKey);
  }

  @Override
  public void enableNotifyInsert(String queue, Duration throttle) {
    delegate().enableNotifyInsert(queue, throttle);
  }

  @Override
  public void disableNotifyInsert(String queue) {
    delegate().disableNotifyInsert(queue);
  }
}
