package dev.pgmq.outbox.micrometer;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqConfig;
import dev.pgmq.jpa.QueueMetrics;
import dev.pgmq.outbox.consumer.spi.TransactionRunner;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queue depth and age gauges from {@code pgmq.metrics}, tagged {@code queue}: {@code
 * pgmq.queue.length} (all messages), {@code pgmq.queue.visible.length} (ready to read), {@code
 * pgmq.queue.oldest.age} and {@code pgmq.queue.newest.age} (time gauges, 0 when empty), {@code
 * pgmq.queue.total} (function counter: messages ever sent).
 *
 * <p>A scrape reads the database at most once per queue per {@code refreshInterval} (in a
 * transaction of its own); in between it reports the cached values. When the read fails the gauges
 * report NaN. Thread-safe.
 */
public final class PgmqQueueMetrics implements MeterBinder {

  private static final Logger LOG = LoggerFactory.getLogger(PgmqQueueMetrics.class);

  private record Sample(QueueMetrics metrics, long takenNanos) {}

  private final TransactionRunner runner;
  private final PgmqConfig config;
  private final Duration refreshInterval;
  private final List<String> queues;
  private final Map<String, Sample> samples = new ConcurrentHashMap<>();

  /**
   * Gauges for {@code queues}, read through {@code runner}, refreshed at most every {@code
   * refreshInterval}.
   */
  public PgmqQueueMetrics(
      TransactionRunner runner, PgmqConfig config, Duration refreshInterval, List<String> queues) {
    this.runner = Objects.requireNonNull(runner, "runner");
    this.config = Objects.requireNonNull(config, "config");
    this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
    if (refreshInterval.isNegative()) {
      throw new IllegalArgumentException("refreshInterval must be >= 0, was " + refreshInterval);
    }
    this.queues = List.copyOf(queues);
  }

  /** Gauges for {@code queues} on {@code emf}, refreshed at most every 10 s. */
  public static PgmqQueueMetrics of(EntityManagerFactory emf, String... queues) {
    return new PgmqQueueMetrics(
        TransactionRunner.resourceLocal(emf),
        PgmqConfig.defaults(),
        Duration.ofSeconds(10),
        List.of(queues));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String queue : queues) {
      gauge(registry, "pgmq.queue.length", "messages in the queue", queue, m -> m.queueLength());
      gauge(
          registry,
          "pgmq.queue.visible.length",
          "messages ready to be read",
          queue,
          m -> m.queueVisibleLength());
      age(registry, "pgmq.queue.oldest.age", "age of the oldest message", queue, true);
      age(registry, "pgmq.queue.newest.age", "age of the newest message", queue, false);
      FunctionCounter.builder(
              "pgmq.queue.total", this, self -> self.value(queue, m -> m.totalMessages()))
          .description("messages ever sent to the queue")
          .tag("queue", queue)
          .register(registry);
    }
  }

  private void gauge(
      MeterRegistry registry,
      String name,
      String description,
      String queue,
      ToDoubleFunction<QueueMetrics> value) {
    Gauge.builder(name, this, self -> self.value(queue, value))
        .description(description)
        .tag("queue", queue)
        .strongReference(true)
        .register(registry);
  }

  private void age(
      MeterRegistry registry, String name, String description, String queue, boolean oldest) {
    TimeGauge.builder(
            name,
            this,
            TimeUnit.SECONDS,
            self ->
                self.value(
                    queue,
                    m -> {
                      Integer age = oldest ? m.oldestMsgAgeSec() : m.newestMsgAgeSec();
                      return age == null ? 0 : age;
                    }))
        .description(description)
        .tag("queue", queue)
        .strongReference(true)
        .register(registry);
  }

  private double value(String queue, ToDoubleFunction<QueueMetrics> value) {
    Sample sample = samples.get(queue);
    long now = System.nanoTime();
    if (sample == null || now - sample.takenNanos() >= refreshInterval.toNanos()) {
      try {
        QueueMetrics metrics = runner.inTransaction(em -> Pgmq.using(em, config).metrics(queue));
        sample = new Sample(metrics, now);
        samples.put(queue, sample);
      } catch (Exception e) {
        LOG.debug("reading metrics of '{}' failed", queue, e);
        samples.remove(queue);
        return Double.NaN;
      }
    }
    return value.applyAsDouble(sample.metrics());
  }
}
