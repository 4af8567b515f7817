package dev.pgmq.jpa.internal;

import dev.pgmq.jpa.RoutedMessage;
import dev.pgmq.jpa.TopicBinding;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Topic routing calls (PGMQ 1.11+). */
final class Topics {

  private final NativeCalls calls;
  private final JsonCodec codec;

  Topics(NativeCalls calls, JsonCodec codec) {
    this.calls = calls;
    this.codec = codec;
  }

  void bind(String pattern, String queue) {
    Objects.requireNonNull(pattern, "pattern");
    QueueNames.check(queue);
    require("bindTopic");
    calls.single("bind_topic", queue, PgmqSql.BIND_TOPIC, pattern, queue);
  }

  boolean unbind(String pattern, String queue) {
    Objects.requireNonNull(pattern, "pattern");
    QueueNames.check(queue);
    require("unbindTopic");
    return (Boolean) calls.single("unbind_topic", null, PgmqSql.UNBIND_TOPIC, pattern, queue);
  }

  int send(String routingKey, Object message, Map<String, ?> headers, Duration delay) {
    Objects.requireNonNull(routingKey, "routingKey");
    String payload = codec.payload(message);
    Object result;
    if (delay == null) {
      require("sendTopic");
      result = calls.single("send_topic", null, PgmqSql.SEND_TOPIC, routingKey, payload);
    } else {
      int seconds = Arguments.seconds(delay, "delay");
      String headerJson = codec.headers(headers);
      require("sendTopic");
      result =
          calls.single(
              "send_topic",
              null,
              PgmqSql.SEND_TOPIC_FULL,
              routingKey,
              payload,
              headerJson,
              seconds);
    }
    return ((Number) result).intValue();
  }

  List<RoutedMessage> sendBatch(
      String routingKey, List<?> messages, List<? extends Map<String, ?>> headers, Duration delay) {
    Objects.requireNonNull(routingKey, "routingKey");
    Integer seconds = delay == null ? null : Arguments.seconds(delay, "delay");
    Object[] params = Batches.params(codec, routingKey, messages, headers, seconds);
    require("sendBatchTopic");
    String sql = PgmqSql.SEND_BATCH_TOPIC[PgmqSql.sendShape(headers != null, seconds)];
    return Rows.routed(calls.tuples("send_batch_topic", null, sql, params));
  }

  List<TopicBinding> list(String queue) {
    require("listTopicBindings");
    return Rows.bindings(
        queue == null
            ? calls.tuples("list_topic_bindings", null, PgmqSql.LIST_BINDINGS)
            : calls.tuples("list_topic_bindings", null, PgmqSql.LIST_BINDINGS_OF, queue));
  }

  List<TopicBinding> testRouting(String routingKey) {
    Objects.requireNonNull(routingKey, "routingKey");
    require("testRouting");
    return Rows.bindings(calls.tuples("test_routing", null, PgmqSql.TEST_ROUTING, routingKey));
  }

  private void require(String operation) {
    calls.features().require(PgmqFeature.TOPICS, operation);
  }
}
