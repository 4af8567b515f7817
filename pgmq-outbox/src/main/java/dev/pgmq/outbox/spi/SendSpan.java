package dev.pgmq.outbox.spi;

/**
 * A span (or any scope) around one {@code send_batch} of the outbox, started by {@link
 * TraceContextProvider#startSend}. Its {@link #context()} is written as the {@code traceparent}
 * (and {@code tracestate}) of every message of the batch, so consumers continue from it.
 */
public interface SendSpan {

  /** The trace context to write into the envelopes of the batch; never {@code null}. */
  TraceContext context();

  /**
   * The batch was sent ({@code failure == null}) or sending it failed. Called once, on the thread
   * that flushed, inside the transaction (whose commit is still to come).
   */
  void end(Throwable failure);
}
