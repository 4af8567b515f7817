package dev.pgmq.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Median and spread of repeated measurements.
 *
 * @param median the median
 * @param min the smallest
 * @param max the largest
 * @param samples how many measurements
 */
public record Stats(double median, double min, double max, int samples) {

  /** Summarises {@code values} (at least one). */
  public static Stats of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("values must not be empty");
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return new Stats(median, sorted[0], sorted[n - 1], n);
  }

  /** The {@code p}-th percentile (0..100) of {@code values}, nearest rank. */
  public static double percentile(long[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** Spread as a fraction of the median: (max - min) / median. */
  public double relativeSpread() {
    return median == 0 ? 0 : (max - min) / median;
  }
}
