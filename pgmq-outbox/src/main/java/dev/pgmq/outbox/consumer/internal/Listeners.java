package dev.pgmq.outbox.consumer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.Message;
import dev.pgmq.outbox.consumer.spi.ConsumerListener;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls every registered listener, logging and swallowing what they throw. */
final class Listeners implements ConsumerListener {

  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  private final List<ConsumerListener> listeners;

  Listeners(List<ConsumerListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void onReceived(String queue, Message<JsonNode> message) {
    each(l -> l.onReceived(queue, message));
  }

  @Override
  public void onProcessed(String queue, Message<JsonNode> message, Duration duration) {
    each(l -> l.onProcessed(queue, message, duration));
  }

  @Override
  public void onFailed(
      String queue,
      Message<JsonNode> message,
      Throwable error,
      Duration duration,
      Duration retryDelay) {
    each(l -> l.onFailed(queue, message, error, duration, retryDelay));
  }

  @Override
  public void onDeadLettered(
      String queue,
      Message<JsonNode> message,
      String deadLetterQueue,
      String reason,
      Throwable error) {
    each(l -> l.onDeadLettered(queue, message, deadLetterQueue, reason, error));
  }

  private void each(Consumer<ConsumerListener> call) {
    for (ConsumerListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        LOG.warn("consumer listener {} failed", listener, e);
      }
    }
  }
}
