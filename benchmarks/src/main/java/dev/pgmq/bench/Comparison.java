package dev.pgmq.bench;

/**
 * One library path measured against its baseline in the same run.
 *
 * @param name the JSON field stem, e.g. {@code sendPerTransaction}
 * @param description what was measured
 * @param unit what the numbers count, e.g. {@code messages/s}
 * @param library throughput of the library path
 * @param baseline throughput of the baseline
 */
public record Comparison(
    String name, String description, String unit, Stats library, Stats baseline) {

  /** Library ÷ baseline, from the medians; higher is better, 1.0 is parity. */
  public double ratio() {
    return library.median() / baseline.median();
  }
}
