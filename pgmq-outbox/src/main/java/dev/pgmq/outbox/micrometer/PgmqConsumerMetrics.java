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
    increment(counter("pgmq.consumer.received", "messages taken by a worker", queue));
  }

  @Override
  public void onProcessed(String queue, Message<JsonNode> message, Duration duration) {
    increment(counter("pgmq.consumer.processed", "messages handled and acknowledged", queue));
    record(queue, "success", duration);
  }

  @Override
  public void onFailed(
      String queue,
      Message<JsonNode> message,
      Throwable error,
      Duration duration,
      Duration retryDelay) {
    increment(
        counter("pgmq.consumer.failed", "failed attempts", queue)
            .tag("exception", error.getClass().getSimpleName()));
    record(queue, "failure", duration);
  }

  @Override
  public void onDeadLettered(
      String queue,
      Message<JsonNode> message,
      String deadLetterQueue,
      String reason,
      Throwable error) {
    increment(
        counter("pgmq.consumer.dead.lettered", "messages moved to the dead-letter queue", queue)
            .tag("reason", reason));
  }

  private Counter.Builder counter(String name, String description, String queue) {
    return Counter.builder(name).description(description).tags(tags).tag("queue", queue);
  }

  /** Counts one, once bound to a registry. */
  private void increment(Counter.Builder counter) {
    MeterRegistry bound = registry;
    if (bound != null) {
      counter.register(bound).increment();
    }
  }

  /** Records a handler duration, once bound to a registry. */
  private void record(String queue, String outcome, Duration duration) {
    MeterRegistry bound = registry;
    if (bound != null) {
      timer(bound, queue, outcome).record(duration);
    }
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
