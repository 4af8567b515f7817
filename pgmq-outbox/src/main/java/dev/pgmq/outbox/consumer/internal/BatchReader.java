package dev.pgmq.outbox.consumer.internal;

import com.fasterxml.jackson.databind.util.RawValue;
import dev.pgmq.jpa.FifoMode;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.ReadOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads the next batch in a transaction of its own (committed, so read counts and visibility hold
 * even if the worker dies): waiting in the database ({@code *_with_poll}) or, with a notify
 * listener, reading at once and waiting for a notification when there is nothing.
 */
final class BatchReader {

  /** After a notification, more inserts may come unannounced (throttling): poll for this long. */
  private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final ConsumerSettings settings;
  private final NotifyListener listener;

  /** With {@code listener} null to wait in the database. */
  BatchReader(ConsumerSettings settings, NotifyListener listener) {
    this.settings = settings;
    this.listener = listener;
  }

  /** The next batch, possibly empty after waiting. */
  List<Message<RawValue>> next() throws InterruptedException {
    if (listener == null || listener.undeliverable()) {
      return read(true);
    }
    long seen = listener.generation();
    List<Message<RawValue>> batch = read(false);
    if (batch.isEmpty()) {
      boolean quiet = listener.connected() && listener.nanosSinceLastNotification() > LINGER_NANOS;
      listener.await(seen, (quiet ? settings.maxPoll() : settings.pollInterval()).toNanos());
    }
    return batch;
  }

  private List<Message<RawValue>> read(boolean poll) {
    return Transactions.call(
        settings.transactionRunner(), em -> read(Pgmq.using(em, settings.config()), poll));
  }

  private List<Message<RawValue>> read(Pgmq pgmq, boolean poll) {
    String q = settings.queue();
    Duration vt = settings.visibilityTimeout();
    int n = settings.batchSize();
    Duration max = settings.maxPoll();
    Duration every = settings.pollInterval();
    Class<RawValue> json = RawValue.class; // the JSON text: decoded once, by the handler's type
    switch (settings.readMode()) {
      case FIFO:
        return poll
            ? pgmq.readBatch(
                q,
                ReadOptions.of(vt, n).withPoll(max, every).withFifo(FifoMode.OLDEST_GROUP_FIRST),
                json)
            : pgmq.readBatch(q, ReadOptions.of(vt, n).withFifo(FifoMode.OLDEST_GROUP_FIRST), json);
      case FIFO_ROUND_ROBIN:
        return poll
            ? pgmq.readBatch(
                q, ReadOptions.of(vt, n).withPoll(max, every).withFifo(FifoMode.ROUND_ROBIN), json)
            : pgmq.readBatch(q, ReadOptions.of(vt, n).withFifo(FifoMode.ROUND_ROBIN), json);
      default:
        return poll
            ? pgmq.readWithPoll(q, vt, n, max, every, json)
            : pgmq.readBatch(q, vt, n, json);
    }
  }
}
