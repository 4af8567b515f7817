package dev.pgmq.bench;

import dev.pgmq.jpa.PgmqClient;
import dev.pgmq.outbox.consumer.PgmqConsumer;
import dev.pgmq.outbox.consumer.PollStrategy;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Consumer throughput by worker count, and publish → handler-start latency by poll strategy. */
final class ConsumerScenarios {

  private final PgmqClient client;
  private final EntityManagerFactory emf;
  private final RawJdbc raw;
  private final String jdbcUrl;
  private final int rounds;
  private final int messages;
  private long consumeNanos = -1;

  ConsumerScenarios(
      PgmqClient client,
      EntityManagerFactory emf,
      RawJdbc raw,
      String jdbcUrl,
      int rounds,
      int messages) {
    this.client = client;
    this.emf = emf;
    this.raw = raw;
    this.jdbcUrl = jdbcUrl;
    this.rounds = rounds;
    this.messages = messages;
  }

  /** Throughput of the consumer with 1, 2 and 4 workers against as many raw connections. */
  List<Comparison> throughput() throws Exception {
    String q = "b_consumer";
    client.createQueue(q);
    PairedRun run = new PairedRun(1, rounds);
    List<Comparison> results = new ArrayList<>();
    for (int workers : new int[] {1, 2, 4}) {
      results.add(
          run.compare(
              "consumer" + workers + "Worker" + (workers == 1 ? "" : "s"),
              "PgmqConsumer, "
                  + workers
                  + " worker(s), handler + delete in one transaction per message, vs "
                  + workers
                  + " raw connection(s), each reading 10 (payloads decoded with Jackson into"
                  + " the same record) and deleting each in its own transaction",
              "messages/s",
              prefilled(q, () -> consume(q, workers)),
              prefilled(q, () -> rawConsumers(q, workers))));
    }
    results.add(
        run.compare(
            "consumerBatchHandler",
            "PgmqConsumer with a BatchHandler, 1 worker, batches of 10 handled and deleted in one"
                + " transaction each, vs 1 raw connection reading 10 (decoded with Jackson) and"
                + " deleting them with one statement in one transaction",
            "messages/s",
            prefilled(q, () -> consumeInBatches(q)),
            prefilled(q, () -> rawBatches(q))));
    return results;
  }

  private long consumeInBatches(String q) throws InterruptedException {
    AtomicLong done = new AtomicLong();
    PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(q)
            .batchHandler(BenchEvent.class, (events, em) -> done.addAndGet(events.size()))
            .batchSize(10)
            .pollStrategy(PollStrategy.POLL)
            .maxPoll(Duration.ofSeconds(1))
            .build();
    return timed(consumer, done);
  }

  /** Runs {@code consumer} until {@code done} counts every message: from start() to the last. */
  private long timed(PgmqConsumer consumer, AtomicLong done) throws InterruptedException {
    long start = System.nanoTime();
    consumer.start();
    try {
      while (done.get() < messages) {
        Thread.sleep(1);
      }
      // timed from start() to the last message processed; the stop that follows is not
      consumeNanos = System.nanoTime() - start;
    } finally {
      consumer.close();
    }
    return done.get();
  }

  private long rawBatches(String q) throws Exception {
    long start = System.nanoTime();
    long n = 0;
    try (RawJdbc own = new RawJdbc(jdbcUrl)) {
      own.autoCommit(false);
      List<BenchEvent> decoded = new ArrayList<>(10);
      while (true) {
        decoded.clear();
        List<Long> ids = own.readDecoded(q, 10, BenchEvent.class, decoded);
        if (ids.isEmpty()) {
          own.commit();
          break;
        }
        n += own.deleteBatch(q, ids);
        own.commit();
      }
      own.autoCommit(true);
    }
    consumeNanos = System.nanoTime() - start;
    return n;
  }

  private long rawConsumers(String q, int connections) throws Exception {
    List<RawJdbc> raws = new ArrayList<>();
    try {
      for (int i = 0; i < connections; i++) {
        raws.add(new RawJdbc(jdbcUrl));
      }
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(connections);
      try {
        long start = System.nanoTime();
        List<java.util.concurrent.Future<Long>> done = new ArrayList<>();
        for (RawJdbc r : raws) {
          done.add(pool.submit(() -> rawConsume(r, q)));
        }
        long n = 0;
        for (java.util.concurrent.Future<Long> f : done) {
          n += f.get();
        }
        consumeNanos = System.nanoTime() - start;
        return n;
      } finally {
        pool.shutdown();
      }
    } finally {
      for (RawJdbc r : raws) {
        r.close();
      }
    }
  }

  private PairedRun.Work prefilled(String q, PairedRun.Work work) {
    return new PairedRun.Work() {
      @Override
      public void prepare() throws Exception {
        client.purge(q);
        for (int sent = 0; sent < messages; sent += 100) {
          String[] batch = new String[100];
          for (int i = 0; i < 100; i++) {
            batch[i] = new BenchEvent(sent + i, "c", 1).json();
          }
          raw.sendBatch(q, batch);
        }
      }

      @Override
      public long run() throws Exception {
        consumeNanos = -1;
        return work.run();
      }

      @Override
      public long lastElapsedNanos() {
        return consumeNanos;
      }
    };
  }

  private long consume(String q, int workers) throws InterruptedException {
    AtomicLong done = new AtomicLong();
    PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(q)
            // counted by the handler, as an application would work there: a ConsumerListener
            // would ask for every payload a second time, as a JSON tree
            .handler(BenchEvent.class, (event, ctx) -> done.incrementAndGet())
            .concurrency(workers)
            .batchSize(10)
            .pollStrategy(PollStrategy.POLL)
            .maxPoll(Duration.ofSeconds(1))
            .build();
    return timed(consumer, done);
  }

  private static long rawConsume(RawJdbc raw, String q) throws Exception {
    long n = 0;
    raw.autoCommit(false);
    List<BenchEvent> decoded = new ArrayList<>(10);
    while (true) {
      decoded.clear();
      List<Long> ids = raw.readDecoded(q, 10, BenchEvent.class, decoded);
      raw.commit();
      if (ids.isEmpty()) {
        break;
      }
      for (long id : ids) {
        if (raw.delete(q, id)) {
          n++;
        }
        raw.commit();
      }
    }
    raw.autoCommit(true);
    return n;
  }

  /**
   * Publish-commit → handler-start latency (ms) with {@code read_with_poll} polling every 100 ms
   * and with LISTEN/NOTIFY wake-up; {@code count} messages sent one by one, {@code gapMillis}
   * apart.
   */
  Map<String, Double> latency(int count, long gapMillis) throws Exception {
    Map<String, Double> out = new LinkedHashMap<>();
    for (PollStrategy strategy : new PollStrategy[] {PollStrategy.POLL, PollStrategy.LISTEN}) {
      String q = "b_latency_" + strategy.name().toLowerCase(java.util.Locale.ROOT);
      client.createQueue(q);
      if (strategy == PollStrategy.LISTEN) {
        client.enableNotifyInsert(q, Duration.ZERO);
      }
      long[] latencies = measureLatency(q, strategy, count, gapMillis);
      String key = strategy == PollStrategy.POLL ? "poll" : "notify";
      out.put(key + "LatencyP50Millis", Stats.percentile(latencies, 50) / 1e6);
      out.put(key + "LatencyP99Millis", Stats.percentile(latencies, 99) / 1e6);
    }
    return out;
  }

  private long[] measureLatency(String q, PollStrategy strategy, int count, long gapMillis)
      throws Exception {
    Map<Long, Long> started = new ConcurrentHashMap<>();
    PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(q)
            .handler(
                BenchEvent.class,
                (event, ctx) -> started.putIfAbsent(event.orderId(), System.nanoTime()))
            .concurrency(1)
            .batchSize(10)
            .pollStrategy(strategy)
            .maxPoll(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(100))
            .build();
    consumer.start();
    long[] committed = new long[count];
    try {
      Thread.sleep(300);
      for (int i = 0; i < count; i++) {
        client.send(q, new BenchEvent(i, "c", 1));
        committed[i] = System.nanoTime();
        Thread.sleep(gapMillis);
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (started.size() < count && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
    } finally {
      consumer.close();
    }
    long[] latencies = new long[count];
    for (int i = 0; i < count; i++) {
      Long start = started.get((long) i);
      latencies[i] = start == null ? Long.MAX_VALUE : Math.max(0, start - committed[i]);
    }
    return latencies;
  }
}
