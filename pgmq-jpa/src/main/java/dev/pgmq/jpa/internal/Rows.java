package dev.pgmq.jpa.internal;

import com.fasterxml.jackson.databind.JavaType;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.QueueInfo;
import dev.pgmq.jpa.QueueMetrics;
import dev.pgmq.jpa.RoutedMessage;
import dev.pgmq.jpa.TopicBinding;
import dev.pgmq.jpa.internal.SessionStatements.RowReader;

/** Readers of PGMQ's result rows into the API's records, every column by name. */
final class Rows {

  private Rows() {}

  static final RowReader<Long> MSG_ID = (rs, c) -> c.getLong(rs, "msg_id");
  static final RowReader<Boolean> RESULT = (rs, c) -> c.getBoolean(rs, "result");
  static final RowReader<Long> COUNT = (rs, c) -> c.getLong(rs, "result");

  static final RowReader<QueueMetrics> METRICS =
      (rs, c) ->
          new QueueMetrics(
              c.getString(rs, "queue_name"),
              c.getLong(rs, "queue_length"),
              c.getIntOrNull(rs, "newest_msg_age_sec"),
              c.getIntOrNull(rs, "oldest_msg_age_sec"),
              c.getLong(rs, "total_messages"),
              c.getInstant(rs, "scrape_time"),
              c.getLong(rs, "queue_visible_length"),
              c.getLongOrNull(rs, "default_partition_length"));

  static final RowReader<QueueInfo> QUEUE =
      (rs, c) ->
          new QueueInfo(
              c.getString(rs, "queue_name"),
              c.getBoolean(rs, "is_partitioned"),
              c.getBoolean(rs, "is_unlogged"),
              c.getInstant(rs, "created_at"));

  static final RowReader<TopicBinding> BINDING =
      (rs, c) ->
          new TopicBinding(
              c.getString(rs, "pattern"),
              c.getString(rs, "queue_name"),
              c.getInstant(rs, "bound_at"),
              c.getString(rs, "compiled_regex"));

  static final RowReader<RoutedMessage> ROUTED =
      (rs, c) -> new RoutedMessage(c.getString(rs, "queue_name"), c.getLong(rs, "msg_id"));

  /** A reader of {@code pgmq.message_record} rows with payloads as {@code type}. */
  static <T> RowReader<Message<T>> messages(JsonCodec codec, JavaType type) {
    return (rs, c) -> {
      long id = c.getLong(rs, "msg_id");
      return new Message<>(
          id,
          c.getInt(rs, "read_ct"),
          c.getInstant(rs, "enqueued_at"),
          c.getInstant(rs, "last_read_at"),
          c.getInstant(rs, "vt"),
          codec.<T>read(c.getString(rs, "message"), type, id),
          codec.headersTree(c.getString(rs, "headers"), id));
    };
  }
}
