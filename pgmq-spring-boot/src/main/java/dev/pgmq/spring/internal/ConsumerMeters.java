package dev.pgmq.spring.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.Message;
import dev.pgmq.outbox.consumer.spi.ConsumerListener;
import dev.pgmq.outbox.micrometer.PgmqConsumerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;

/**
 * The consumers' meters ({@link PgmqConsumerMetrics}) in the registry Spring Boot binds this to;
 * records nothing before it is bound. Thread-safe.
 */
public final class ConsumerMeters implements MeterBinder, ConsumerListener {

  private volatile ConsumerListener delegate = new ConsumerListener() {};

  @Override
  public void bindTo(MeterRegistry registry) {
    delegate = new PgmqConsumerMetrics(registry);
  }

  @Override
  public void onReceived(String queue, Message<JsonNode> message) {
    delegate.onReceived(queue, message);
  }

  @Override
  public void onProcessed(String queue, Message<JsonNode> message, Duration duration) {
    delegate.onProcessed(queue, message, duration);
  }

  @Override
  public void onFailed(
      String queue,
      Message<JsonNode> message,
      Throwable error,
      Duration duration,
      Duration retryDelay) {
    delegate.onFailed(queue, message, error, duration, retryDelay);
  }

  @Override
  public void onDeadLettered(
      String queue,
      Message<JsonNode> message,
      String deadLetterQueue,
      String reason,
      Throwable error) {
    delegate.onDeadLettered(queue, message, deadLetterQueue, reason, error);
  }
}
