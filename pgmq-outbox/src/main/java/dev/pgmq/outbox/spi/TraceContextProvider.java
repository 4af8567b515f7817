package dev.pgmq.outbox.spi;

/**
 * Supplies the trace context current on the publishing thread, so consumers can continue the trace.
 * Bridge it to your tracer (OpenTelemetry: format the current span context as W3C {@code
 * traceparent}). Called at {@code publish} and once per flush that sends entity events; must be
 * thread-safe and cheap.
 */
@FunctionalInterface
public interface TraceContextProvider {

  /** The current trace context, or {@code null} when there is none. */
  TraceContext current();

  /** A provider that never has a trace context (the default). */
  static TraceContextProvider none() {
    return () -> null;
  }
}
