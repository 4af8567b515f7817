package dev.pgmq.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgmq.jpa.InvalidQueueNameException;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.PgmqConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Every message of a queue at one moment, read straight from its table ({@code pgmq.q_<name>}),
 * visible or not, oldest first; reading changes nothing (no read count, no visibility timeout).
 * Immutable; typed payloads are decoded with {@link #mapper()}.
 *
 * @see PgmqAssertions#queue(String)
 */
public final class QueueContents {

  private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,47}");

  private final String queue;
  private final List<Message<JsonNode>> messages;
  private final ObjectMapper mapper;

  private QueueContents(String queue, List<Message<JsonNode>> messages, ObjectMapper mapper) {
    this.queue = queue;
    this.messages = List.copyOf(messages);
    this.mapper = mapper;
  }

  /**
   * Reads {@code queue} on {@code connection} (left open, its transaction untouched: with
   * auto-commit off it sees what that transaction sees).
   *
   * @throws InvalidQueueNameException when {@code queue} is not a PGMQ queue name
   * @throws IllegalStateException when the queue does not exist or cannot be read
   */
  public static QueueContents read(Connection connection, String queue) {
    Objects.requireNonNull(connection, "connection");
    check(queue);
    List<Message<JsonNode>> messages = new ArrayList<>();
    ObjectMapper mapper = PgmqConfig.defaults().objectMapper();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("select * from pgmq.q_" + queue + " order by msg_id")) {
      boolean lastRead = hasColumn(rs.getMetaData(), "last_read_at");
      while (rs.next()) {
        messages.add(message(rs, lastRead, mapper));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not read queue '" + queue + "' (does it exist?): " + e.getMessage(), e);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("queue '" + queue + "' holds invalid JSON", e);
    }
    return new QueueContents(queue, messages, mapper);
  }

  /** The same messages, with typed payloads decoded by {@code mapper}. */
  public QueueContents using(ObjectMapper mapper) {
    return new QueueContents(queue, messages, Objects.requireNonNull(mapper, "mapper"));
  }

  /** The queue name. */
  public String queue() {
    return queue;
  }

  /** The messages, oldest first. */
  public List<Message<JsonNode>> messages() {
    return messages;
  }

  /** The mapper typed payloads are decoded with. */
  public ObjectMapper mapper() {
    return mapper;
  }

  /** Every payload decoded as {@code type}, oldest first. */
  public <T> List<T> payloads(Class<T> type) {
    List<T> out = new ArrayList<>(messages.size());
    for (Message<JsonNode> m : messages) {
      out.add(decode(m.message(), type));
    }
    return out;
  }

  /**
   * Whether {@code actual} is the JSON of {@code expected}; numbers compare by value (1 == 1.0).
   */
  boolean sameJson(Object expected, JsonNode actual) {
    JsonNode want = expected instanceof JsonNode node ? node : mapper.valueToTree(expected);
    return want.equals(JSON_ORDER, actual);
  }

  private static final java.util.Comparator<JsonNode> JSON_ORDER =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  <T> T decode(JsonNode node, Class<T> type) {
    try {
      return mapper.treeToValue(node, type);
    } catch (java.io.IOException e) {
      throw new AssertionError(
          "payload " + node + " of queue '" + queue + "' is not a " + type.getName(), e);
    }
  }

  static String check(String queue) {
    Objects.requireNonNull(queue, "queue");
    if (!NAME.matcher(queue).matches()) {
      throw new InvalidQueueNameException(
          "not a PGMQ queue name (lower-case letters, digits, '_', at most 47): '" + queue + "'");
    }
    return queue;
  }

  /** The message of the current row of a queue table or of {@code pgmq.read}. */
  static Message<JsonNode> message(ResultSet rs, boolean lastRead, ObjectMapper mapper)
      throws SQLException, java.io.IOException {
    String headers = rs.getString("headers");
    return new Message<>(
        rs.getLong("msg_id"),
        rs.getInt("read_ct"),
        instant(rs.getTimestamp("enqueued_at")),
        lastRead ? instant(rs.getTimestamp("last_read_at")) : null,
        instant(rs.getTimestamp("vt")),
        mapper.readTree(rs.getString("message")),
        headers == null ? null : mapper.readTree(headers));
  }

  static boolean hasColumn(ResultSetMetaData meta, String name) throws SQLException {
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      if (meta.getColumnName(i).equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("queue '").append(queue).append("' [");
    for (Message<JsonNode> m : messages) {
      b.append("\n  #").append(m.msgId()).append(" read ").append(m.readCt()).append("x ");
      b.append(m.message()).append(" headers ").append(m.headers());
    }
    return b.append(messages.isEmpty() ? "]" : "\n]").toString();
  }
}
