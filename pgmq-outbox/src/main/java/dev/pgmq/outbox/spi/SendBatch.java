package dev.pgmq.outbox.spi;

import java.util.List;
import java.util.Objects;

/**
 * One {@code send_batch} the outbox is about to run in a flush: the events of one transaction for
 * one destination. Immutable.
 *
 * @param destination the queue, or the topic routing key
 * @param eventTypes the distinct event types of the batch, in order of first appearance
 * @param messageCount how many messages the batch sends
 * @param publishContexts the distinct trace contexts captured when the events were published (by
 *     {@link TraceContextProvider#current()}), in order of first appearance; empty when there were
 *     none
 */
public record SendBatch(
    Destination destination,
    List<String> eventTypes,
    int messageCount,
    List<TraceContext> publishContexts) {

  /** Checks the parts and copies the lists. */
  public SendBatch {
    Objects.requireNonNull(destination, "destination");
    eventTypes = List.copyOf(eventTypes);
    publishContexts = List.copyOf(publishContexts);
    if (messageCount < 1) {
      throw new IllegalArgumentException("messageCount must be >= 1, was " + messageCount);
    }
  }
}
