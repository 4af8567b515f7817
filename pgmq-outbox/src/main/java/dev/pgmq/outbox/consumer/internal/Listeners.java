package dev.pgmq.outbox.consumer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.Message;
import dev.pgmq.outbox.consumer.spi.ConsumerListener;
import dev.pgmq.outbox.consumer.spi.ProcessingScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls every registered listener, logging and swallowing what they throw. The message's JSON tree
 * is decoded for them only when there is a listener.
 */
final class Listeners {

  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  private static final ProcessingScope NO_SCOPE = (outcome, error) -> {};

  private final List<ConsumerListener> listeners;

  Listeners(List<ConsumerListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  /** Opens every listener's scope; the result ends them in reverse order and never throws. */
  ProcessingScope onStart(String queue, Delivery delivery) {
    List<ProcessingScope> scopes = new ArrayList<>(1);
    each(
        delivery,
        (l, message) -> {
          ProcessingScope scope = l.onStart(queue, message);
          if (scope != null) {
            scopes.add(scope);
          }
        });
    if (scopes.isEmpty()) {
      return NO_SCOPE;
    }
    return (outcome, error) -> {
      for (int i = scopes.size() - 1; i >= 0; i--) {
        ProcessingScope scope = scopes.get(i);
        try {
          scope.end(outcome, error);
        } catch (RuntimeException e) {
          LOG.warn("consumer listener scope {} failed", scope, e);
        }
      }
    };
  }

  void onReceived(String queue, Delivery delivery) {
    each(delivery, (l, message) -> l.onReceived(queue, message));
  }

  void onProcessed(String queue, Delivery delivery, Duration duration) {
    each(delivery, (l, message) -> l.onProcessed(queue, message, duration));
  }

  void onFailed(
      String queue, Delivery delivery, Throwable error, Duration duration, Duration retryDelay) {
    each(delivery, (l, message) -> l.onFailed(queue, message, error, duration, retryDelay));
  }

  void onDeadLettered(
      String queue, Delivery delivery, String deadLetterQueue, String reason, Throwable error) {
    each(
        delivery, (l, message) -> l.onDeadLettered(queue, message, deadLetterQueue, reason, error));
  }

  /** One callback of a listener. */
  @FunctionalInterface
  private interface Call {
    void on(ConsumerListener listener, Message<JsonNode> message);
  }

  private void each(Delivery delivery, Call call) {
    if (listeners.isEmpty()) {
      return;
    }
    Message<JsonNode> message;
    try {
      message = delivery.tree();
    } catch (RuntimeException e) { // beyond Jackson's read limits (nesting, number length)
      LOG.warn("could not decode message {} for the consumer listeners", delivery.msgId(), e);
      return;
    }
    for (ConsumerListener listener : listeners) {
      try {
        call.on(listener, message);
      } catch (RuntimeException e) {
        LOG.warn("consumer listener {} failed", listener, e);
      }
    }
  }
}
