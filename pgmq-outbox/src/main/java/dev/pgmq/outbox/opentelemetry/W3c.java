package dev.pgmq.outbox.opentelemetry;

import dev.pgmq.outbox.spi.TraceContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.Map;

/** Converts between OpenTelemetry contexts and the envelope's W3C trace headers. */
final class W3c {

  private static final String TRACEPARENT = "traceparent";
  private static final String TRACESTATE = "tracestate";

  private static final TextMapGetter<Map<String, String>> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private W3c() {}

  /** The W3C form of {@code context}'s span, or {@code null} when it has no valid span. */
  static TraceContext format(Context context) {
    Map<String, String> carrier = new HashMap<>(2);
    W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
    String traceparent = carrier.get(TRACEPARENT);
    return traceparent == null ? null : new TraceContext(traceparent, carrier.get(TRACESTATE));
  }

  /** {@code base} with the remote span of {@code traceparent}/{@code tracestate}, if valid. */
  static Context parse(Context base, String traceparent, String tracestate) {
    if (traceparent == null) {
      return base;
    }
    Map<String, String> carrier = new HashMap<>(2);
    carrier.put(TRACEPARENT, traceparent);
    if (tracestate != null) {
      carrier.put(TRACESTATE, tracestate);
    }
    return W3CTraceContextPropagator.getInstance().extract(base, carrier, GETTER);
  }

  static Context parse(Context base, TraceContext trace) {
    return trace == null ? base : parse(base, trace.traceparent(), trace.tracestate());
  }
}
