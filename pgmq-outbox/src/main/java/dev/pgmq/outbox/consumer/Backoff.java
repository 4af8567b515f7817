package dev.pgmq.outbox.consumer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded exponential backoff with jitter: how long a failed message stays invisible before its
 * next attempt. Attempt {@code n} (1 for the first failure) waits {@code min(max, initial ×
 * multiplier^(n-1))}, reduced by a random fraction of up to {@code jitter} so that messages that
 * failed together do not all come back together. Immutable.
 *
 * @param initial the delay after the first failure; &gt; 0
 * @param max the largest delay; &ge; {@code initial}
 * @param multiplier growth per attempt; &ge; 1
 * @param jitter the largest fraction taken off a delay at random, in [0, 1)
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter) {

  /** Checks the parameters, naming the one that is invalid. */
  public Backoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("backoff initial must be > 0, was " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "backoff max must be >= initial (" + initial + "), was " + max);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("backoff multiplier must be >= 1, was " + multiplier);
    }
    if (!(jitter >= 0.0 && jitter < 1.0)) {
      throw new IllegalArgumentException("backoff jitter must be in [0, 1), was " + jitter);
    }
  }

  /** Doubling from {@code initial} up to {@code max}, with 20 % jitter. */
  public static Backoff exponential(Duration initial, Duration max) {
    return new Backoff(initial, max, 2.0, 0.2);
  }

  /** The default: 1 s doubling up to 5 min, 20 % jitter. */
  public static Backoff defaults() {
    return exponential(Duration.ofSeconds(1), Duration.ofMinutes(5));
  }

  /** This backoff with another multiplier. */
  public Backoff withMultiplier(double multiplier) {
    return new Backoff(initial, max, multiplier, jitter);
  }

  /** This backoff with another jitter fraction. */
  public Backoff withJitter(double jitter) {
    return new Backoff(initial, max, multiplier, jitter);
  }

  /** The delay before the attempt after failed attempt {@code attempt} (1-based), randomised. */
  public Duration delay(int attempt) {
    return delay(attempt, ThreadLocalRandom.current().nextDouble());
  }

  /**
   * The delay after failed attempt {@code attempt} (1-based) for a given random draw in [0, 1):
   * between {@code (1 - jitter)} and 1 times the exponential delay, never more than {@link #max()}.
   */
  public Duration delay(int attempt, double random) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
    }
    double base = initial.toNanos() * Math.pow(multiplier, attempt - 1.0);
    double capped = Math.min(base, (double) max.toNanos());
    double jittered = capped * (1.0 - jitter * Math.min(Math.max(random, 0.0), 1.0));
    return Duration.ofNanos(Math.max(1L, (long) jittered));
  }
}
