package dev.pgmq.outbox.spi;

import java.util.Objects;

/**
 * A W3C Trace Context to carry on a message.
 *
 * @param traceparent the {@code traceparent} value, e.g. {@code
 *     00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01}
 * @param tracestate the {@code tracestate} value, or {@code null}
 */
public record TraceContext(String traceparent, String tracestate) {

  /** Checks {@code traceparent} is present. */
  public TraceContext {
    Objects.requireNonNull(traceparent, "traceparent");
  }
}
