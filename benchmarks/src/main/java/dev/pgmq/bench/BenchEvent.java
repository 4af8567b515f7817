package dev.pgmq.bench;

import dev.pgmq.outbox.OutboxEvent;

/**
 * The payload every benchmark sends.
 *
 * @param orderId an id
 * @param customer a short string
 * @param amountCents a number
 */
@OutboxEvent(queue = BenchEvent.OUTBOX_QUEUE, type = "bench.order-placed")
public record BenchEvent(long orderId, String customer, long amountCents) {

  /** The queue the outbox scenarios send to. */
  public static final String OUTBOX_QUEUE = "bench_outbox";

  /** The same payload as JSON text, for the raw JDBC baselines. */
  public String json() {
    return "{\"orderId\":"
        + orderId
        + ",\"customer\":\""
        + customer
        + "\",\"amountCents\":"
        + amountCents
        + "}";
  }
}
