package dev.pgmq.outbox.consumer.internal;

import dev.pgmq.jpa.Pgmq;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes out the visibility timeout of every message the workers hold; run every third of the
 * timeout so that long handlers and long batches keep their messages.
 */
final class VisibilityExtender implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(VisibilityExtender.class);

  private final ConsumerSettings settings;
  private final List<Worker> workers;

  VisibilityExtender(ConsumerSettings settings, List<Worker> workers) {
    this.settings = settings;
    this.workers = List.copyOf(workers);
  }

  @Override
  public void run() {
    for (Worker worker : workers) {
      InFlight held = worker.held();
      // holding the monitor keeps the worker from changing these messages' visibility meanwhile
      synchronized (held) {
        List<Long> ids = held.snapshot();
        if (ids.isEmpty()) {
          continue;
        }
        Instant until = Instant.now().plus(settings.visibilityTimeout());
        try {
          Transactions.call(
              settings.transactionRunner(),
              em -> Pgmq.using(em, settings.config()).setVt(settings.queue(), ids, until));
        } catch (RuntimeException e) {
          LOG.warn("could not extend visibility of {} in '{}'", ids, settings.queue(), e);
        }
      }
    }
  }
}
