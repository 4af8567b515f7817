package dev.pgmq.outbox.internal;

import dev.pgmq.jpa.PgmqPermissionException;
import dev.pgmq.jpa.PgmqStatementException;
import dev.pgmq.jpa.QueueNotFoundException;
import dev.pgmq.jpa.internal.ErrorTranslator;
import dev.pgmq.outbox.UnroutableEventException;
import dev.pgmq.outbox.spi.Destination;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends prepared messages over JDBC, one statement per destination: a static insert into the
 * queue's table where its shape is PGMQ's (and the direct insert is on), else {@code send_batch};
 * {@code send_batch_topic} for topics.
 */
final class EventSender {

  static final String SEND_BATCH = "select pgmq.send_batch(?::text, ?::jsonb[], ?::jsonb[])";
  static final String SEND_BATCH_TOPIC =
      "select count(*) from pgmq.send_batch_topic(?::text, ?::jsonb[], ?::jsonb[])";

  private final boolean requireTopicBinding;
  private final QueueTableShapes shapes;
  private final QueueTable tables = new QueueTable();

  EventSender(boolean requireTopicBinding, boolean directInsert) {
    this.requireTopicBinding = requireTopicBinding;
    this.shapes = directInsert ? new QueueTableShapes() : null;
  }

  void send(Connection connection, List<OutboundMessage> messages) throws SQLException {
    if (messages.isEmpty()) {
      return;
    }
    Destination first = messages.get(0).destination();
    boolean single = true;
    for (int i = 1; i < messages.size() && single; i++) {
      single = first.equals(messages.get(i).destination());
    }
    if (single) {
      sendTo(connection, first, messages);
      return;
    }
    Map<Destination, List<OutboundMessage>> byDestination = new LinkedHashMap<>();
    for (OutboundMessage m : messages) {
      byDestination.computeIfAbsent(m.destination(), d -> new ArrayList<>()).add(m);
    }
    for (Map.Entry<Destination, List<OutboundMessage>> e : byDestination.entrySet()) {
      sendTo(connection, e.getKey(), e.getValue());
    }
  }

  private void sendTo(Connection connection, Destination destination, List<OutboundMessage> batch)
      throws SQLException {
    int n = batch.size();
    String[] payloads = new String[n];
    String[] headers = new String[n];
    for (int i = 0; i < n; i++) {
      payloads[i] = batch.get(i).payload();
      headers[i] = batch.get(i).headers();
    }
    try {
      if (shapes != null
          && !destination.topic()
          && shapes.pgmqShaped(connection, destination.name())) {
        insert(connection, destination.name(), payloads, headers);
        return;
      }
    } catch (SQLException e) {
      if ("42P01".equals(e.getSQLState())) {
        shapes.forget(destination.name());
      }
      throw translate(e, destination, n);
    }
    String sql = destination.topic() ? SEND_BATCH_TOPIC : SEND_BATCH;
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, destination.name());
      ps.setArray(2, connection.createArrayOf("jsonb", payloads));
      ps.setArray(3, connection.createArrayOf("jsonb", headers));
      try (ResultSet rs = ps.executeQuery()) {
        if (destination.topic()) {
          rs.next();
          if (rs.getLong(1) == 0 && requireTopicBinding) {
            throw new UnroutableEventException(
                "no queue is bound to a topic pattern matching routing key '"
                    + destination.name()
                    + "' (event type "
                    + batch.get(0).eventType()
                    + "); bind one with pgmq.bind_topic or set"
                    + " pgmq.outbox.topic.require-binding=false; the transaction will not commit");
          }
        } else {
          while (rs.next()) {
            // the new msg_ids; consumed so the statement completes
          }
        }
      }
    } catch (SQLException e) {
      throw translate(e, destination, n);
    }
  }

  private void insert(Connection connection, String queue, String[] payloads, String[] headers)
      throws SQLException {
    int n = payloads.length;
    try (PreparedStatement ps = connection.prepareStatement(tables.insert(queue, n))) {
      if (n == 1) {
        ps.setString(1, payloads[0]);
        ps.setString(2, headers[0]);
      } else {
        ps.setArray(1, connection.createArrayOf("jsonb", payloads));
        ps.setArray(2, connection.createArrayOf("jsonb", headers));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          // the new msg_ids; consumed so the statement completes
        }
      }
    }
  }

  private static RuntimeException translate(SQLException e, Destination d, int n) {
    if (ErrorTranslator.isMissingPgmq(e.getSQLState(), e.getMessage())) {
      return ErrorTranslator.pgmqMissing("sending " + n + " outbox event(s)", e);
    }
    if ("42P01".equals(e.getSQLState()) && !d.topic()) {
      return new QueueNotFoundException(d.name(), e);
    }
    String message =
        "could not send "
            + n
            + " outbox event(s) to "
            + (d.topic() ? "topic '" : "queue '")
            + d.name()
            + "': "
            + e.getMessage();
    if (PgmqPermissionException.INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
      return new PgmqPermissionException(message, e);
    }
    return new PgmqStatementException(message, e.getSQLState(), e);
  }
}
