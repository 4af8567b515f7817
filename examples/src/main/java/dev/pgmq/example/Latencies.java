package dev.pgmq.example;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Publish-commit → handler-start latencies, per order, in nanoseconds. Thread-safe. */
final class Latencies {

  private final Map<Long, Long> committed = new ConcurrentHashMap<>();
  private final Map<Long, Long> handled = new ConcurrentHashMap<>();

  void committed(long orderId) {
    committed.put(orderId, System.nanoTime());
  }

  void handlerStarted(long orderId) {
    handled.putIfAbsent(orderId, System.nanoTime());
  }

  /**
   * Latencies in milliseconds, sorted; a handler that started before commit() returned counts 0.
   */
  double[] sortedMillis() {
    return committed.entrySet().stream()
        .filter(e -> handled.containsKey(e.getKey()))
        .mapToDouble(e -> Math.max(0, handled.get(e.getKey()) - e.getValue()) / 1e6)
        .sorted()
        .toArray();
  }

  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  @Override
  public String toString() {
    return Arrays.toString(sortedMillis());
  }
}
