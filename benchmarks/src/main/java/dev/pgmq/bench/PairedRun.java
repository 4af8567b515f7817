package dev.pgmq.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a library path and its baseline alternately (warm-up, then measured rounds), so that drift
 * of the machine affects both alike.
 */
final class PairedRun {

  /** One timed unit of work; returns how many operations it did. */
  @FunctionalInterface
  interface Work {
    long run() throws Exception;

    /** Untimed preparation before each timed run (e.g. refilling a queue). */
    default void prepare() throws Exception {}

    /**
     * The nanoseconds the last {@link #run()} spent on the measured work, when it timed itself
     * (e.g. excluding a consumer's start and stop); negative to let the caller time all of run().
     */
    default long lastElapsedNanos() {
      return -1;
    }
  }

  /** The least timed work in one round (and one warm-up round). */
  static final long MIN_ROUND_NANOS = 300_000_000L;

  private final int warmupRounds;
  private final int rounds;

  PairedRun(int warmupRounds, int rounds) {
    this.warmupRounds = warmupRounds;
    this.rounds = rounds;
  }

  Comparison compare(String name, String description, String unit, Work library, Work baseline)
      throws Exception {
    for (int i = 0; i < warmupRounds; i++) {
      throughput(library);
      throughput(baseline);
    }
    List<Double> lib = new ArrayList<>();
    List<Double> raw = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      if (i % 2 == 0) {
        lib.add(throughput(library));
        raw.add(throughput(baseline));
      } else {
        raw.add(throughput(baseline));
        lib.add(throughput(library));
      }
    }
    return new Comparison(name, description, unit, Stats.of(lib), Stats.of(raw));
  }

  /**
   * Operations per second of {@code work}, run (each time after its untimed preparation) until the
   * timed part has lasted {@link #MIN_ROUND_NANOS}: a round of a fast scenario is not a few
   * milliseconds that one scheduler hiccup decides.
   */
  static double throughput(Work work) throws Exception {
    long ops = 0;
    long elapsed = 0;
    do {
      work.prepare();
      long start = System.nanoTime();
      ops += work.run();
      elapsed += work.lastElapsedNanos() >= 0 ? work.lastElapsedNanos() : System.nanoTime() - start;
    } while (elapsed < MIN_ROUND_NANOS);
    return ops * 1e9 / elapsed;
  }
}
