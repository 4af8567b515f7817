package dev.pgmq.outbox.internal;

import dev.pgmq.jpa.spi.BatchSender;
import dev.pgmq.outbox.UnroutableEventException;
import dev.pgmq.outbox.spi.Destination;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends prepared messages, grouped by destination, one {@link BatchSender} call (one statement) per
 * queue or topic, in the order each destination first appears.
 */
final class EventSender {

  private final boolean requireTopicBinding;
  private final BatchSender batches;

  EventSender(boolean requireTopicBinding, boolean directInsert) {
    this.requireTopicBinding = requireTopicBinding;
    this.batches = BatchSender.create(directInsert, "outbox event(s)");
  }

  void send(Connection connection, List<OutboundMessage> messages) {
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

  private void sendTo(Connection connection, Destination destination, List<OutboundMessage> batch) {
    int n = batch.size();
    List<String> payloads = new ArrayList<>(n);
    List<String> headers = new ArrayList<>(n);
    for (OutboundMessage m : batch) {
      payloads.add(m.payload());
      headers.add(m.headers());
    }
    if (!destination.topic()) {
      batches.sendBatch(connection, destination.name(), payloads, headers);
      return;
    }
    long routed = batches.sendBatchTopic(connection, destination.name(), payloads, headers);
    if (routed == 0 && requireTopicBinding) {
      throw new UnroutableEventException(
          "no queue is bound to a topic pattern matching routing key '"
              + destination.name()
              + "' (event type "
              + batch.get(0).eventType()
              + "); bind one with pgmq.bind_topic or set"
              + " pgmq.outbox.topic.require-binding=false; the transaction will not commit");
    }
  }
}
