package dev.pgmq.outbox.consumer.internal;

import com.fasterxml.jackson.databind.util.RawValue;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.outbox.consumer.ReadMode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker thread's loop: read a batch, process its messages one by one, give back what it did
 * not process when the consumer stops. In FIFO mode a message that is to be retried holds back the
 * rest of its group in the batch and gives it back before its own retry is scheduled: PGMQ's
 * grouped reads skip invisible messages behind a visible oldest one, so a later message of the
 * group must never stay invisible while the failed one becomes visible again.
 */
final class Worker implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
  private static final long MAX_ERROR_PAUSE_MS = 5000;

  private final ConsumerSettings settings;
  private final BatchReader reader;
  private final MessageProcessor processor;
  private final BooleanSupplier active;
  private final InFlight held = new InFlight();
  private final boolean fifo;
  private final BatchProcessor batches;

  Worker(
      ConsumerSettings settings,
      BatchReader reader,
      MessageProcessor processor,
      BooleanSupplier active) {
    this.settings = settings;
    this.reader = reader;
    this.processor = processor;
    this.active = active;
    this.fifo = settings.readMode() != ReadMode.STANDARD;
    this.batches = settings.handlers().batch() == null ? null : processor.batches();
  }

  /** The ids this worker holds, for visibility extension. */
  InFlight held() {
    return held;
  }

  @Override
  public void run() {
    long errorPause = settings.pollInterval().toMillis();
    while (active.getAsBoolean()) {
      List<Message<RawValue>> batch;
      try {
        batch = reader.next();
        errorPause = settings.pollInterval().toMillis();
      } catch (InterruptedException e) {
        break;
      } catch (RuntimeException e) {
        LOG.warn("reading '{}' failed; retrying in {} ms", settings.queue(), errorPause, e);
        if (!pause(errorPause)) {
          break;
        }
        errorPause = Math.min(MAX_ERROR_PAUSE_MS, errorPause * 2);
        continue;
      }
      if (batch.isEmpty()) {
        continue;
      }
      held.holdAll(batch.stream().map(Message::msgId).toList());
      try {
        process(batch);
      } catch (RuntimeException e) {
        LOG.error("unexpected failure in a worker of '{}'", settings.queue(), e);
      } finally {
        giveBack();
      }
    }
  }

  private void process(List<Message<RawValue>> batch) {
    if (batches != null) {
      batches.process(batch, held);
      return;
    }
    Set<String> heldBackGroups = fifo ? new HashSet<>() : Set.of();
    for (int i = 0; i < batch.size(); i++) {
      Message<RawValue> message = batch.get(i);
      if (!active.getAsBoolean()) {
        return;
      }
      String group = fifo ? group(message) : null;
      if (fifo && heldBackGroups.contains(group)) {
        continue;
      }
      List<Long> laterOfGroup = fifo ? laterOfGroup(batch, i, group) : List.of();
      MessageProcessor.Outcome outcome =
          processor.process(message, held, () -> giveBack(laterOfGroup));
      if (fifo && outcome == MessageProcessor.Outcome.RETRY) {
        heldBackGroups.add(group);
      }
    }
  }

  private static String group(Message<RawValue> message) {
    return String.valueOf(message.header(Pgmq.GROUP_HEADER));
  }

  private static List<Long> laterOfGroup(List<Message<RawValue>> batch, int index, String group) {
    return batch.subList(index + 1, batch.size()).stream()
        .filter(m -> group.equals(group(m)))
        .map(Message::msgId)
        .toList();
  }

  /** Makes the messages read but not processed visible again at once. */
  private void giveBack() {
    giveBack(held.drain());
  }

  /** Makes {@code ids} (read by this worker, not processed) visible again at once. */
  private void giveBack(List<Long> ids) {
    boolean interrupted = Thread.interrupted();
    ids.forEach(held::remove);
    if (!ids.isEmpty()) {
      try {
        Transactions.call(
            settings.transactionRunner(),
            em -> Pgmq.using(em, settings.config()).setVt(settings.queue(), ids, Duration.ZERO));
        LOG.debug("gave back {} message(s) of '{}'", ids.size(), settings.queue());
      } catch (RuntimeException e) {
        LOG.warn(
            "could not give back messages {} of '{}'; they reappear after their visibility"
                + " timeout",
            ids,
            settings.queue(),
            e);
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean pause(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }
}
