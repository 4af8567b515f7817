package dev.pgmq.example;

import java.io.PrintStream;

/**
 * What the demo did.
 *
 * @param requested orders asked for
 * @param orders orders committed
 * @param eventsSent messages ever sent to the queue
 * @param shipments shipments committed (at most one per order, by primary key)
 * @param left messages still in the queue
 * @param elapsedNanos from the first order to the last shipment
 * @param latenciesMillis publish-commit → handler-start latencies, sorted
 */
record DemoSummary(
    long requested,
    long orders,
    long eventsSent,
    long shipments,
    long left,
    long elapsedNanos,
    double[] latenciesMillis) {

  /** Every order committed, sent once and shipped once; nothing left over. */
  boolean ok() {
    return orders == requested && eventsSent == orders && shipments == orders && left == 0;
  }

  void print(PrintStream out) {
    double seconds = elapsedNanos / 1e9;
    out.println();
    out.println("orders placed      " + orders);
    out.println("events sent        " + eventsSent + "   (outbox, in each order's transaction)");
    out.println("events consumed    " + shipments + "   (shipments; one per order by primary key)");
    out.println("left in queue      " + left);
    out.println("elapsed            " + OrderServiceDemo.format(seconds) + " s");
    out.println(
        "throughput         "
            + OrderServiceDemo.format(orders / seconds)
            + " orders/s placed and shipped");
    out.println(
        "latency p50 / p99  "
            + OrderServiceDemo.format(Latencies.percentile(latenciesMillis, 50))
            + " ms / "
            + OrderServiceDemo.format(Latencies.percentile(latenciesMillis, 99))
            + " ms   (publish commit -> handler start)");
    out.println(ok() ? "OK: every order shipped exactly once" : "FAILED: counts do not match");
  }
}
