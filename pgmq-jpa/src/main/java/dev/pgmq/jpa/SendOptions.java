package dev.pgmq.jpa;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The rarer parts of a send: headers, and when the message becomes visible (a delay in whole
 * seconds, or an instant). Immutable; start from {@link #of(Map)}, {@link #after(Duration)} or
 * {@link #at(Instant)} and combine with the {@code with...} methods:
 *
 * <pre>{@code
 * pgmq.send("orders", event, SendOptions.of(Map.of("tenant", "acme")).withDelay(Duration.ofSeconds(5)));
 * }</pre>
 *
 * <p>In a batch, {@link #headers()} are the headers of every message (for headers per message, use
 * {@link Pgmq#sendBatch(String, java.util.List, java.util.List, SendOptions)}). A delay and an
 * instant exclude each other.
 *
 * @param headers a JSON object's entries, or {@code null} for none
 * @param delay how long the message stays invisible (whole seconds), or {@code null}
 * @param visibleAt when the message becomes visible, or {@code null}
 */
public record SendOptions(Map<String, ?> headers, Duration delay, Instant visibleAt) {

  /** No headers, visible at once. */
  public static final SendOptions NONE = new SendOptions(null, null, null);

  /**
   * @throws IllegalArgumentException when both a delay and an instant are given
   */
  public SendOptions {
    if (delay != null && visibleAt != null) {
      throw new IllegalArgumentException("give a delay or an instant, not both");
    }
  }

  /** Headers, visible at once. */
  public static SendOptions of(Map<String, ?> headers) {
    return NONE.withHeaders(headers);
  }

  /** Visible after {@code delay} (whole seconds: PGMQ's {@code delay} argument). */
  public static SendOptions after(Duration delay) {
    return NONE.withDelay(delay);
  }

  /** Visible at {@code visibleAt} (PGMQ's {@code timestamptz} delay). */
  public static SendOptions at(Instant visibleAt) {
    return NONE.withVisibleAt(visibleAt);
  }

  /** These options with {@code headers} instead. */
  public SendOptions withHeaders(Map<String, ?> headers) {
    if (headers == null) {
      throw new NullPointerException("headers");
    }
    return new SendOptions(headers, delay, visibleAt);
  }

  /** These options, visible after {@code delay} instead. */
  public SendOptions withDelay(Duration delay) {
    if (delay == null) {
      throw new NullPointerException("delay");
    }
    return new SendOptions(headers, delay, null);
  }

  /** These options, visible at {@code visibleAt} instead. */
  public SendOptions withVisibleAt(Instant visibleAt) {
    if (visibleAt == null) {
      throw new NullPointerException("visibleAt");
    }
    return new SendOptions(headers, null, visibleAt);
  }
}
