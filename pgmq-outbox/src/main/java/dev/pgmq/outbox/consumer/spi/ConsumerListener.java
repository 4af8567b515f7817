package dev.pgmq.outbox.consumer.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.Message;
import java.time.Duration;

/**
 * Observes what a consumer does with each message, for metrics, tracing or logs. Every method has
 * an empty default; implement the ones you need. A ready implementation for Micrometer is {@code
 * dev.pgmq.outbox.micrometer.PgmqConsumerMetrics}.
 *
 * <p><b>Threads and transactions.</b> Called synchronously on the worker thread that handles the
 * message, concurrently from every worker, outside any transaction: implementations must be
 * thread-safe and fast. An exception thrown by a callback is logged and otherwise ignored; it never
 * changes the fate of the message.
 */
public interface ConsumerListener {

  /**
   * A worker starts processing {@code message}, before {@link #onReceived} and before the handler's
   * transaction begins. A listener that wraps processing (a tracing span made current on this
   * thread) returns a scope, ended once the message's fate is settled, on this thread; the default
   * returns {@code null} (nothing to end).
   */
  default ProcessingScope onStart(String queue, Message<JsonNode> message) {
    return null;
  }

  /** A worker took {@code message} from {@code queue} and is about to handle it. */
  default void onReceived(String queue, Message<JsonNode> message) {}

  /**
   * The handler succeeded and the acknowledgement committed.
   *
   * @param duration from the start of the handler to the end of the commit
   */
  default void onProcessed(String queue, Message<JsonNode> message, Duration duration) {}

  /**
   * The handler (or the commit) failed and the transaction was rolled back.
   *
   * @param error what failed
   * @param duration from the start of the handler to the end of the rollback
   * @param retryDelay how long the message stays invisible before its next attempt, or {@code null}
   *     when it will not be retried by this consumer (it is dead-lettered next, see {@link
   *     #onDeadLettered}, or another consumer already acknowledged it)
   */
  default void onFailed(
      String queue,
      Message<JsonNode> message,
      Throwable error,
      Duration duration,
      Duration retryDelay) {}

  /**
   * The message was moved to {@code deadLetterQueue} (committed).
   *
   * @param reason one of the {@code REASON_*} values of {@code DeadLetterHeaders}
   * @param error the last failure, or {@code null} when there was none
   */
  default void onDeadLettered(
      String queue,
      Message<JsonNode> message,
      String deadLetterQueue,
      String reason,
      Throwable error) {}
}
