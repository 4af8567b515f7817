package dev.pgmq.jpa.internal;

import dev.pgmq.jpa.RoutedMessage;
import dev.pgmq.jpa.SendOptions;
import dev.pgmq.jpa.TopicBinding;
import dev.pgmq.jpa.spi.QueueNames;
import java.util.List;
import java.util.Objects;

/** Topic routing calls (PGMQ 1.11+) of one unit of work. */
final class Topics {

  private final SessionStatements calls;

  Topics(SessionStatements calls) {
    this.calls = calls;
  }

  /** A topic message, encoded before any statement runs. */
  record Outgoing(String payload, String headers, Integer delaySeconds) {}

  static Outgoing one(JsonCodec codec, Object message, SendOptions options) {
    Objects.requireNonNull(options, "options");
    if (options.visibleAt() != null) {
      throw new IllegalArgumentException("PGMQ's topic sends take a delay, not an instant");
    }
    String payload = codec.payload(message);
    Integer delay = options.delay() == null ? null : Arguments.seconds(options.delay(), "delay");
    return new Outgoing(payload, codec.headers(options.headers()), delay);
  }

  static void checkBinding(String pattern, String queue) {
    Objects.requireNonNull(pattern, "pattern");
    QueueNames.check(queue);
  }

  boolean bind(String pattern, String queue) {
    requireTopics("bindTopic");
    calls.rows("bind_topic", queue, PgmqSql.BIND_TOPIC, Rows.RESULT, pattern, queue);
    return true;
  }

  boolean unbind(String pattern, String queue) {
    requireTopics("unbindTopic");
    return calls.first("unbind_topic", null, PgmqSql.UNBIND_TOPIC, Rows.RESULT, pattern, queue);
  }

  int send(String routingKey, Outgoing m) {
    requireTopics("sendTopic");
    long routed =
        m.headers() == null && m.delaySeconds() == null
            ? calls.first(
                "send_topic", null, PgmqSql.SEND_TOPIC, Rows.COUNT, routingKey, m.payload())
            : calls.first(
                "send_topic",
                null,
                PgmqSql.SEND_TOPIC_FULL,
                Rows.COUNT,
                routingKey,
                m.payload(),
                m.headers(),
                m.delaySeconds() == null ? 0 : m.delaySeconds());
    return (int) routed;
  }

  List<RoutedMessage> sendBatch(Sends.Prepared batch) {
    requireTopics("sendBatchTopic");
    return calls.rows("send_batch_topic", null, batch.sql(), Rows.ROUTED, batch.params());
  }

  List<TopicBinding> list(String queue) {
    requireTopics("listTopicBindings");
    return queue == null
        ? calls.rows("list_topic_bindings", null, PgmqSql.LIST_BINDINGS, Rows.BINDING)
        : calls.rows("list_topic_bindings", null, PgmqSql.LIST_BINDINGS_OF, Rows.BINDING, queue);
  }

  List<TopicBinding> testRouting(String routingKey) {
    requireTopics("testRouting");
    return calls.rows("test_routing", null, PgmqSql.TEST_ROUTING, Rows.BINDING, routingKey);
  }

  private void requireTopics(String operation) {
    calls.features().require(PgmqFeature.TOPICS, operation);
  }
}
