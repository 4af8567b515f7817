package dev.pgmq.jpa.internal;

import dev.pgmq.jpa.RoutedMessage;
import dev.pgmq.jpa.TopicBinding;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Topic routing calls (PGMQ 1.11+). */
final class Topics {

  private final SessionStatements calls;
  private final JsonCodec codec;

  Topics(SessionStatements calls, JsonCodec codec) {
    this.calls = calls;
    this.codec = codec;
  }

  void bind(String pattern, String queue) {
    Objects.requireNonNull(pattern, "pattern");
    QueueNames.check(queue);
    require("bindTopic");
    calls.rows("bind_topic", queue, PgmqSql.BIND_TOPIC, Rows.RESULT, pattern, queue);
  }

  boolean unbind(String pattern, String queue) {
    Objects.requireNonNull(pattern, "pattern");
    QueueNames.check(queue);
    require("unbindTopic");
    return calls.first("unbind_topic", null, PgmqSql.UNBIND_TOPIC, Rows.RESULT, pattern, queue);
  }

  int send(String routingKey, Object message, Map<String, ?> headers, Duration delay) {
    Objects.requireNonNull(routingKey, "routingKey");
    String payload = codec.payload(message);
    long result;
    if (delay == null) {
      require("sendTopic");
      result = calls.first("send_topic", null, PgmqSql.SEND_TOPIC, Rows.COUNT, routingKey, payload);
    } else {
      int seconds = Arguments.seconds(delay, "delay");
      String headerJson = codec.headers(headers);
      require("sendTopic");
      result =
          calls.first(
              "send_topic",
              null,
              PgmqSql.SEND_TOPIC_FULL,
              Rows.COUNT,
              routingKey,
              payload,
              headerJson,
              seconds);
    }
    return (int) result;
  }

  List<RoutedMessage> sendBatch(
      String routingKey, List<?> messages, List<? extends Map<String, ?>> headers, Duration delay) {
    Objects.requireNonNull(routingKey, "routingKey");
    Integer seconds = delay == null ? null : Arguments.seconds(delay, "delay");
    Object[] params = Batches.params(codec, routingKey, messages, headers, seconds);
    require("sendBatchTopic");
    String sql = PgmqSql.SEND_BATCH_TOPIC[PgmqSql.sendShape(headers != null, seconds)];
    return calls.rows("send_batch_topic", null, sql, Rows.ROUTED, params);
  }

  List<TopicBinding> list(String queue) {
    require("listTopicBindings");
    return queue == null
        ? calls.rows("list_topic_bindings", null, PgmqSql.LIST_BINDINGS, Rows.BINDING)
        : calls.rows("list_topic_bindings", null, PgmqSql.LIST_BINDINGS_OF, Rows.BINDING, queue);
  }

  List<TopicBinding> testRouting(String routingKey) {
    Objects.requireNonNull(routingKey, "routingKey");
    require("testRouting");
    return calls.rows("test_routing", null, PgmqSql.TEST_ROUTING, Rows.BINDING, routingKey);
  }

  private void require(String operation) {
    calls.features().require(PgmqFeature.TOPICS, operation);
  }
}
