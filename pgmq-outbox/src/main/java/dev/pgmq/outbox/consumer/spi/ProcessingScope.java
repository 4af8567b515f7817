package dev.pgmq.outbox.consumer.spi;

/**
 * The processing of one message as a {@link ConsumerListener} wraps it, for example a tracing span:
 * opened by {@link ConsumerListener#onStart} before the handler's transaction, ended once the
 * message's fate is settled (after the acknowledgement, the retry delay or the dead-letter move),
 * on the same worker thread. What the scope makes current on that thread (a span) is current while
 * the handler runs.
 */
@FunctionalInterface
public interface ProcessingScope {

  /**
   * The message's fate is settled.
   *
   * @param outcome what became of the message
   * @param error the failure of the last attempt, or {@code null} when it succeeded
   */
  void end(MessageOutcome outcome, Throwable error);
}
