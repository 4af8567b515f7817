package dev.pgmq.jpa;

import java.time.Duration;

/**
 * A read with every option: how many messages and for how long they stay hidden, and optionally
 * polling, a payload filter or a FIFO mode. Immutable; start from {@link #of(Duration, int)}:
 *
 * <pre>{@code
 * pgmq.readBatch("orders",
 *     ReadOptions.of(Duration.ofSeconds(30), 10).withPoll(Duration.ofSeconds(5), Duration.ofMillis(100))
 *         .withFifo(FifoMode.ROUND_ROBIN),
 *     OrderPlaced.class);
 * }</pre>
 *
 * <p>PGMQ has no filtered FIFO read: a filter and a FIFO mode exclude each other.
 *
 * @param vt how long the messages read stay invisible (whole seconds)
 * @param qty how many messages at most ({@code > 0})
 * @param maxPoll how long to wait for a first message (whole seconds), or {@code null} not to wait
 * @param pollInterval how often to look while waiting (whole milliseconds), with {@code maxPoll}
 * @param conditional a JSON object the payloads must contain (jsonb {@code @>}), or {@code null}
 * @param fifo the FIFO mode, or {@code null} for a plain read
 */
public record ReadOptions(
    Duration vt,
    int qty,
    Duration maxPoll,
    Duration pollInterval,
    Object conditional,
    FifoMode fifo) {

  /**
   * @throws NullPointerException when {@code vt} is null, or {@code maxPoll} without {@code
   *     pollInterval} (or the reverse)
   * @throws IllegalArgumentException when {@code qty <= 0}, or both a filter and a FIFO mode are
   *     given
   */
  public ReadOptions {
    if (vt == null) {
      throw new NullPointerException("vt");
    }
    if (qty <= 0) {
      throw new IllegalArgumentException("qty must be > 0, was " + qty);
    }
    if ((maxPoll == null) != (pollInterval == null)) {
      throw new NullPointerException(maxPoll == null ? "maxPoll" : "pollInterval");
    }
    if (conditional != null && fifo != null) {
      throw new IllegalArgumentException("PGMQ has no filtered FIFO read: give one or the other");
    }
  }

  /** Up to {@code qty} messages, hidden for {@code vt}, without waiting. */
  public static ReadOptions of(Duration vt, int qty) {
    return new ReadOptions(vt, qty, null, null, null, null);
  }

  /** Waiting up to {@code maxPoll} for a first message, looking every {@code pollInterval}. */
  public ReadOptions withPoll(Duration maxPoll, Duration pollInterval) {
    if (maxPoll == null || pollInterval == null) {
      throw new NullPointerException(maxPoll == null ? "maxPoll" : "pollInterval");
    }
    return new ReadOptions(vt, qty, maxPoll, pollInterval, conditional, fifo);
  }

  /** Only messages whose payload contains {@code conditional} (an object or a {@code Map}). */
  public ReadOptions withFilter(Object conditional) {
    if (conditional == null) {
      throw new NullPointerException("conditional");
    }
    return new ReadOptions(vt, qty, maxPoll, pollInterval, conditional, fifo);
  }

  /** A FIFO read in {@code mode}. */
  public ReadOptions withFifo(FifoMode mode) {
    if (mode == null) {
      throw new NullPointerException("mode");
    }
    return new ReadOptions(vt, qty, maxPoll, pollInterval, conditional, mode);
  }

  /** Whether the read waits for messages. */
  public boolean polls() {
    return maxPoll != null;
  }
}
