package dev.pgmq.jpa.internal;

import static dev.pgmq.jpa.spi.QueueNames.check;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.QueueInfo;
import dev.pgmq.jpa.QueueMetrics;
import dev.pgmq.jpa.RoutedMessage;
import dev.pgmq.jpa.SendOptions;
import dev.pgmq.jpa.TopicBinding;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one implementation of the queue-administration half of {@link Pgmq}: queues, metrics, topics
 * and notifications. Where the statements run (the caller's session, a pooled connection, a
 * transaction per call) is the subclass's {@link #call}; {@link PgmqOperations} adds the messages.
 */
abstract class AdminOperations implements Pgmq {

  final JsonCodec codec;

  AdminOperations(JsonCodec codec) {
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  /** Runs one operation's statements where this implementation runs them; its result. */
  abstract <R> R call(Function<SessionStatements, R> operation);

  @Override
  public void createQueue(String queue) {
    check(queue);
    call(c -> c.rows("create", null, PgmqSql.CREATE, Rows.RESULT, queue));
  }

  @Override
  public void createUnloggedQueue(String queue) {
    check(queue);
    call(c -> c.rows("create_unlogged", null, PgmqSql.CREATE_UNLOGGED, Rows.RESULT, queue));
  }

  @Override
  public void createPartitionedQueue(String queue, String partition, String retention) {
    check(queue);
    Arguments.partitionIntervals(partition, retention);
    call(
        c -> {
          Partman.ensure(c);
          return c.rows(
              "create_partitioned",
              null,
              PgmqSql.CREATE_PARTITIONED,
              Rows.RESULT,
              queue,
              partition.trim(),
              retention.trim());
        });
  }

  @Override
  public void validateQueueName(String queue) {
    check(queue);
  }

  @Override
  public boolean dropQueue(String queue) {
    check(queue);
    return call(c -> c.first("drop_queue", null, PgmqSql.DROP, Rows.RESULT, queue));
  }

  @Override
  public List<QueueInfo> listQueues() {
    return call(c -> c.rows("list_queues", null, PgmqSql.LIST, Rows.QUEUE));
  }

  @Override
  public long purge(String queue) {
    check(queue);
    return call(c -> c.first("purge_queue", queue, PgmqSql.PURGE, Rows.COUNT, queue));
  }

  @Override
  public QueueMetrics metrics(String queue) {
    return call(Calls.metrics(check(queue)));
  }

  @Override
  public List<QueueMetrics> metricsAll() {
    return call(c -> c.rows("metrics_all", null, PgmqSql.METRICS_ALL, Rows.METRICS));
  }

  @Override
  public void bindTopic(String pattern, String queue) {
    Topics.checkBinding(pattern, queue);
    call(c -> new Topics(c).bind(pattern, queue));
  }

  @Override
  public boolean unbindTopic(String pattern, String queue) {
    Topics.checkBinding(pattern, queue);
    return call(c -> new Topics(c).unbind(pattern, queue));
  }

  @Override
  public int sendTopic(String routingKey, Object message) {
    return sendTopic(routingKey, message, SendOptions.NONE);
  }

  @Override
  public int sendTopic(String routingKey, Object message, SendOptions options) {
    Objects.requireNonNull(routingKey, "routingKey");
    Topics.Outgoing out = Topics.one(codec, message, options);
    return call(c -> new Topics(c).send(routingKey, out));
  }

  @Override
  public List<RoutedMessage> sendBatchTopic(String routingKey, List<?> messages) {
    return sendBatchTopic(routingKey, messages, SendOptions.NONE);
  }

  @Override
  public List<RoutedMessage> sendBatchTopic(
      String routingKey, List<?> messages, SendOptions options) {
    Objects.requireNonNull(routingKey, "routingKey");
    Sends.Prepared batch = Sends.batch(codec, routingKey, messages, options, true);
    return call(c -> new Topics(c).sendBatch(batch));
  }

  @Override
  public List<RoutedMessage> sendBatchTopic(
      String routingKey,
      List<?> messages,
      List<? extends Map<String, ?>> headers,
      SendOptions options) {
    Objects.requireNonNull(routingKey, "routingKey");
    Sends.Prepared batch = Sends.batch(codec, routingKey, messages, headers, options, true);
    return call(c -> new Topics(c).sendBatch(batch));
  }

  @Override
  public List<TopicBinding> listTopicBindings() {
    return call(c -> new Topics(c).list(null));
  }

  @Override
  public List<TopicBinding> listTopicBindings(String queue) {
    check(queue);
    return call(c -> new Topics(c).list(queue));
  }

  @Override
  public List<TopicBinding> testRouting(String routingKey) {
    Objects.requireNonNull(routingKey, "routingKey");
    return call(c -> new Topics(c).testRouting(routingKey));
  }

  @Override
  public void enableNotifyInsert(String queue, Duration throttle) {
    check(queue);
    int ms = Arguments.millis(throttle, "throttle", false);
    call(
        c -> {
          c.features().require(PgmqFeature.NOTIFY_INSERT, "enableNotifyInsert");
          return c.rows(
              "enable_notify_insert", queue, PgmqSql.ENABLE_NOTIFY, Rows.RESULT, queue, ms);
        });
  }

  @Override
  public void disableNotifyInsert(String queue) {
    check(queue);
    call(
        c -> {
          c.features().require(PgmqFeature.DISABLE_NOTIFY_INSERT, "disableNotifyInsert");
          return c.rows("disable_notify_insert", queue, PgmqSql.DISABLE_NOTIFY, Rows.RESULT, queue);
        });
  }
}
