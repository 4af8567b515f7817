package dev.pgmq.jpa.internal;

import com.fasterxml.jackson.databind.JavaType;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.QueueInfo;
import dev.pgmq.jpa.QueueMetrics;
import dev.pgmq.jpa.RoutedMessage;
import dev.pgmq.jpa.TopicBinding;
import jakarta.persistence.Tuple;
import jakarta.persistence.TupleElement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Maps PGMQ result rows to the API's records by column name, never by position: columns a PGMQ
 * version lacks (say {@code last_read_at} before 1.10) map to {@code null}, columns it adds are
 * ignored.
 */
final class Rows {

  private Rows() {}

  static <T> List<Message<T>> messages(List<Tuple> rows, JsonCodec codec, JavaType type) {
    return map(
        rows,
        c ->
            t -> {
              long id = ((Number) c.get(t, "msg_id")).longValue();
              return new Message<>(
                  id,
                  ((Number) c.get(t, "read_ct")).intValue(),
                  instant(c.get(t, "enqueued_at")),
                  instant(c.get(t, "last_read_at")),
                  instant(c.get(t, "vt")),
                  codec.<T>read(c.get(t, "message"), type, id),
                  codec.headersTree(c.get(t, "headers"), id));
            });
  }

  static List<QueueMetrics> metrics(List<Tuple> rows) {
    return map(
        rows,
        c ->
            t ->
                new QueueMetrics(
                    (String) c.get(t, "queue_name"),
                    longValue(c.get(t, "queue_length")),
                    intOrNull(c.get(t, "newest_msg_age_sec")),
                    intOrNull(c.get(t, "oldest_msg_age_sec")),
                    longValue(c.get(t, "total_messages")),
                    instant(c.get(t, "scrape_time")),
                    longValue(c.get(t, "queue_visible_length")),
                    longOrNull(c.get(t, "default_partition_length"))));
  }

  static List<QueueInfo> queues(List<Tuple> rows) {
    return map(
        rows,
        c ->
            t ->
                new QueueInfo(
                    (String) c.get(t, "queue_name"),
                    Boolean.TRUE.equals(c.get(t, "is_partitioned")),
                    Boolean.TRUE.equals(c.get(t, "is_unlogged")),
                    instant(c.get(t, "created_at"))));
  }

  static List<TopicBinding> bindings(List<Tuple> rows) {
    return map(
        rows,
        c ->
            t ->
                new TopicBinding(
                    (String) c.get(t, "pattern"),
                    (String) c.get(t, "queue_name"),
                    instant(c.get(t, "bound_at")),
                    (String) c.get(t, "compiled_regex")));
  }

  static List<RoutedMessage> routed(List<Tuple> rows) {
    return map(
        rows,
        c ->
            t -> new RoutedMessage((String) c.get(t, "queue_name"), longValue(c.get(t, "msg_id"))));
  }

  /** Resolves names to indexes once per result, then maps every row. */
  private static <R> List<R> map(List<Tuple> rows, Function<Columns, Function<Tuple, R>> mapper) {
    if (rows.isEmpty()) {
      return List.of();
    }
    Function<Tuple, R> rowMapper = mapper.apply(new Columns(rows.get(0)));
    List<R> out = new ArrayList<>(rows.size());
    for (Tuple t : rows) {
      out.add(rowMapper.apply(t));
    }
    return out;
  }

  static Instant instant(Object value) {
    if (value == null || value instanceof Instant) {
      return (Instant) value;
    }
    if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (value instanceof ZonedDateTime z) {
      return z.toInstant();
    }
    if (value instanceof Timestamp ts) {
      return ts.toInstant();
    }
    throw new IllegalStateException("unexpected timestamp type " + value.getClass().getName());
  }

  private static long longValue(Object value) {
    return value == null ? 0L : ((Number) value).longValue();
  }

  private static Long longOrNull(Object value) {
    return value == null ? null : ((Number) value).longValue();
  }

  private static Integer intOrNull(Object value) {
    return value == null ? null : ((Number) value).intValue();
  }

  /** Column positions by name, from the first row of a result. */
  private static final class Columns {
    private final Map<String, Integer> index = new HashMap<>();

    Columns(Tuple first) {
      List<TupleElement<?>> elements = first.getElements();
      for (int i = 0; i < elements.size(); i++) {
        index.put(elements.get(i).getAlias(), i);
      }
    }

    Object get(Tuple t, String name) {
      Integer i = index.get(name);
      return i == null ? null : t.get(i);
    }
  }
}
