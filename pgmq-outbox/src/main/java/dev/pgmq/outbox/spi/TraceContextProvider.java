package dev.pgmq.outbox.spi;

/**
 * Supplies the trace context current on the publishing thread, so consumers can continue the trace.
 * Bridge it to your tracer: {@code dev.pgmq.outbox.opentelemetry.PgmqOpenTelemetry} does so for
 * OpenTelemetry (and also starts a producer span per send through {@link #startSend}). Called at
 * {@code publish} and once per flush that sends entity events; must be thread-safe and cheap.
 */
@FunctionalInterface
public interface TraceContextProvider {

  /** The current trace context, or {@code null} when there is none. */
  TraceContext current();

  /**
   * Starts a span around one {@code send_batch} of a flush, whose context becomes the {@code
   * traceparent} of the batch's messages (a producer span per send, as tracers model it). Called on
   * the flushing thread, inside the transaction, once per destination per flush. The default
   * returns {@code null}: no span, each message keeps the context {@link #current()} gave when it
   * was published.
   */
  default SendSpan startSend(SendBatch batch) {
    return null;
  }

  /** A provider that never has a trace context (the default). */
  static TraceContextProvider none() {
    return () -> null;
  }
}
