package dev.pgmq.outbox.listener.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the consumers of {@code @PgmqListener} methods at the same time, the way every container
 * does on shutdown: one short-lived thread per queue, so the shutdown timeouts of the queues run
 * side by side instead of adding up. A queue whose consumer does not stop in time is logged.
 */
public final class ParallelStop {

  private static final Logger LOG = LoggerFactory.getLogger(ParallelStop.class);

  private ParallelStop() {}

  /**
   * Stops every item with {@code stop} (which returns whether it stopped within its shutdown
   * timeout) on a thread of its own named after {@code queue}, and waits for all of them. Returns
   * early, with the interrupt flag set, when the calling thread is interrupted while waiting.
   */
  public static <T> void stopAll(
      Collection<T> items, Function<T, String> queue, Predicate<T> stop) {
    List<Thread> stopping = new ArrayList<>(items.size());
    for (T item : items) {
      Thread t =
          new Thread(
              () -> {
                if (!stop.test(item)) {
                  LOG.warn("listeners of queue '{}' did not stop in time", queue.apply(item));
                }
              },
              "pgmq-stop-" + queue.apply(item));
      t.start();
      stopping.add(t);
    }
    for (Thread t : stopping) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
