package dev.pgmq.outbox.internal;

import dev.pgmq.outbox.spi.Destination;
import dev.pgmq.outbox.spi.SendBatch;
import dev.pgmq.outbox.spi.SendSpan;
import dev.pgmq.outbox.spi.TraceContext;
import dev.pgmq.outbox.spi.TraceContextProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The send spans of one flush: one per destination, opened after routing, ended after sending. */
final class SendSpans {

  private static final Logger LOG = LoggerFactory.getLogger(SendSpans.class);

  private final TraceContextProvider provider;
  private final List<SendSpan> started = new ArrayList<>();

  SendSpans(TraceContextProvider provider) {
    this.provider = provider;
  }

  /**
   * Starts a span per destination of the routed events; returns the trace context each event is to
   * carry, {@code null} where it keeps its own (no span was started for its destination).
   */
  TraceContext[] start(Destination[] destinations, String[] types, List<PendingEvent> pending) {
    Map<Destination, Group> groups = new LinkedHashMap<>();
    for (int i = 0; i < destinations.length; i++) {
      groups.computeIfAbsent(destinations[i], d -> new Group()).add(types[i], pending.get(i));
    }
    Map<Destination, TraceContext> contexts = new LinkedHashMap<>();
    for (Map.Entry<Destination, Group> e : groups.entrySet()) {
      Group g = e.getValue();
      SendSpan span;
      try {
        span =
            provider.startSend(
                new SendBatch(
                    e.getKey(), List.copyOf(g.types), g.count, List.copyOf(g.publishContexts)));
      } catch (RuntimeException failure) {
        LOG.warn("trace context provider {} failed to start a send span", provider, failure);
        span = null;
      }
      if (span != null) {
        started.add(span);
        contexts.put(e.getKey(), span.context());
      }
    }
    if (contexts.isEmpty()) {
      return null;
    }
    TraceContext[] out = new TraceContext[destinations.length];
    for (int i = 0; i < destinations.length; i++) {
      out[i] = contexts.get(destinations[i]);
    }
    return out;
  }

  /** Ends every started span. */
  void end(Throwable failure) {
    for (SendSpan span : started) {
      try {
        span.end(failure);
      } catch (RuntimeException e) {
        LOG.warn("send span {} failed to end", span, e);
      }
    }
    started.clear();
  }

  private static final class Group {
    final Set<String> types = new LinkedHashSet<>();
    final Set<TraceContext> publishContexts = new LinkedHashSet<>();
    int count;

    void add(String type, PendingEvent event) {
      types.add(type);
      if (event.trace() != null) {
        publishContexts.add(event.trace());
      }
      count++;
    }
  }
}
