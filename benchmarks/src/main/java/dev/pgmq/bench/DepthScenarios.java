package dev.pgmq.bench;

import dev.pgmq.jpa.PgmqClient;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Send and consume throughput with a backlog of visible messages waiting (100k, 1M), against the
 * same work on a queue with none waiting: the cost must stay flat as the queue grows.
 */
final class DepthScenarios {

  private static final Duration VT = Duration.ofSeconds(30);

  private final PgmqClient client;
  private final RawJdbc raw;
  private final PairedRun run;
  private final int ops;

  DepthScenarios(PgmqClient client, RawJdbc raw, PairedRun run, int ops) {
    this.client = client;
    this.raw = raw;
    this.run = run;
    this.ops = ops;
  }

  List<Comparison> all(int[] depths) throws Exception {
    String empty = "b_depth_0";
    client.createQueue(empty);
    List<Comparison> results = new ArrayList<>();
    for (int depth : depths) {
      if (depth == 0) {
        continue;
      }
      String deep = "b_depth_" + depth;
      client.createQueue(deep);
      fill(deep, depth);
      String label = depth % 1_000_000 == 0 ? depth / 1_000_000 + "M" : depth / 1000 + "k";
      results.add(
          run.compare(
              "depth" + label + "Send",
              "PgmqClient.send, one message per transaction, to a queue with "
                  + depth
                  + " visible messages waiting vs to an empty queue",
              "messages/s",
              work(() -> {}, () -> send(deep)),
              work(() -> client.purge(empty), () -> send(empty))));
      results.add(
          run.compare(
              "depth" + label + "Consume",
              "PgmqClient readBatch(100, BenchEvent.class) + deleteBatch of "
                  + ops
                  + " messages from a queue with "
                  + depth
                  + " more waiting vs from a queue holding only those "
                  + ops,
              "messages/s",
              work(() -> top(deep, ops), () -> consume(deep)),
              work(
                  () -> {
                    client.purge(empty);
                    top(empty, ops);
                  },
                  () -> consume(empty))));
      client.dropQueue(deep);
    }
    return results;
  }

  private long send(String q) {
    for (int i = 0; i < ops; i++) {
      client.send(q, new BenchEvent(i, "c", i));
    }
    return ops;
  }

  private long consume(String q) {
    long n = 0;
    while (n < ops) {
      List<Long> got =
          client.readBatch(q, VT, 100, BenchEvent.class).stream().map(m -> m.msgId()).toList();
      if (got.isEmpty()) {
        break;
      }
      n += client.deleteBatch(q, got).size();
    }
    return n;
  }

  /** Adds n visible messages, outside the timing. */
  private void top(String q, int n) throws Exception {
    for (int sent = 0; sent < n; sent += 100) {
      String[] batch = new String[Math.min(100, n - sent)];
      for (int i = 0; i < batch.length; i++) {
        batch[i] = new BenchEvent(sent + i, "c", 1).json();
      }
      raw.sendBatch(q, batch);
    }
  }

  /** Fills the backlog in the server (PGMQ's row, as send_batch writes it), then analyzes. */
  private void fill(String q, int depth) throws Exception {
    long start = System.nanoTime();
    try (Statement s = raw.connection().createStatement()) {
      raw.autoCommit(true);
      for (int from = 0; from < depth; from += 100_000) {
        int to = Math.min(depth, from + 100_000);
        s.execute(
            "insert into pgmq.q_"
                + q
                + " (vt, message) select clock_timestamp(), jsonb_build_object('orderId', g,"
                + " 'customer', 'backlog', 'amountCents', g) from generate_series("
                + (from + 1)
                + ", "
                + to
                + ") g");
      }
      s.execute("vacuum analyze pgmq.q_" + q);
    }
    System.out.printf(
        "  filled %s with %d messages in %.1f s%n", q, depth, (System.nanoTime() - start) / 1e9);
  }

  private static PairedRun.Work work(Step prepare, PairedRun.Work timed) {
    return new PairedRun.Work() {
      @Override
      public long run() throws Exception {
        return timed.run();
      }

      @Override
      public void prepare() throws Exception {
        prepare.run();
      }
    };
  }

  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }
}
