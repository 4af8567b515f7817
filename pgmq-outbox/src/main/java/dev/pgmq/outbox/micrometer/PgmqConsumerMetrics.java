package dev.pgmq.outbox.micrometer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.Message;
import dev.pgmq.outbox.consumer.spi.ConsumerListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Objects;

/**
 * Records what consumers do as Micrometer meters; register it with {@code
 * PgmqConsumerBuilder.listener(...)} (one instance may serve many consumers). Meters, each tagged
 * {@code queue} plus the extra tags given:
 *
 * <ul>
 *   <li>{@code pgmq.consumer.received} (counter): messages taken by a worker;
 *   <li>{@code pgmq.consumer.processed} (counter): handled and acknowledged;
 *   <li>{@code pgmq.consumer.failed} (counter, tag {@code exception}): failed attempts;
 *   <li>{@code pgmq.consumer.dead.lettered} (counter, tag {@code reason}): moved to the DLQ;
 *   <li>{@code pgmq.consumer.handler} (timer, tag {@code outcome} = {@code success}|{@code
 *       failure}): handler plus commit latency.
 * </ul>
 *
 * Thread-safe. Queue depth and age come from {@link PgmqQueueMetrics}.
 */
public final class PgmqConsumerMetrics implements ConsumerListener, MeterBinder {

  private volatile MeterRegistry registry;
  private final Tags tags;

  /** Meters in {@code registry}, tagged with the queue only. */
  public PgmqConsumerMetrics(MeterRegistry registry) {
    this(registry, Tags.empty());
  }

  /**
   * Meters that record nothing until {@link #bindTo} gives them a registry (for frameworks that
   * bind {@code MeterBinder}s once the registry exists, such as Spring Boot).
   */
  public PgmqConsumerMetrics() {
    this.tags = Tags.empty();
  }

  /** Records into {@code registry} from now on. */
  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** Meters in {@code registry}, tagged with the queue and {@code extraTags}. */
  public PgmqConsumerMetrics(MeterRegistry registry, Iterable<Tag> extraTags) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.tags = Tags.of(Objects.requireNonNull(extraTags, "extraTags"));
  }

  @Override
  public void onReceived(String queue, Message<JsonNode> message) {
    MeterRegistry registry = this.registry;
    if (registry == null) {
      return;
    }
    counter(registry, "pgmq.consumer.received", "messages taken by a worker", queue).increment();
  }

  @Override
  public void onProcessed(String queue, Message<JsonNode> message, Duration duration) {
    MeterRegistry registry = this.registry;
    if (registry == null) {
      return;
    }
    counter(registry, "pgmq.consumer.processed", "messages handled and acknowledged", queue)
        .increment();
    timer(registry, queue, "success").record(duration);
  }

  @Override
  public void onFailed(
      String queue,
      Message<JsonNode> message,
      Throwable error,
      Duration duration,
      Duration retryDelay) {
    MeterRegistry registry = this.registry;
    if (registry == null) {
      return;
    }
    Counter.builder("pgmq.consumer.failed")
        .description("failed attempts")
        .tags(tags)
        .tag("queue", queue)
        .tag("exception", error.getClass().getSimpleName())
        .register(registry)
        .increment();
    timer(registry, queue, "failure").record(duration);
  }

  @Override
  public void onDeadLettered(
      String queue,
      Message<JsonNode> message,
      String deadLetterQueue,
      String reason,
      Throwable error) {
    MeterRegistry registry = this.registry;
    if (registry == null) {
      return;
    }
    Counter.builder("pgmq.consumer.dead.lettered")
        .description("messages moved to the dead-letter queue")
        .tags(tags)
        .tag("queue", queue)
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  private Counter counter(MeterRegistry registry, String name, String description, String queue) {
    return Counter.builder(name)
        .description(description)
        .tags(tags)
        .tag("queue", queue)
        .register(registry);
  }

  private Timer timer(MeterRegistry registry, String queue, String outcome) {
    return Timer.builder("pgmq.consumer.handler")
        .description("handler and commit latency")
        .tags(tags)
        .tag("queue", queue)
        .tag("outcome", outcome)
        .register(registry);
  }
}
