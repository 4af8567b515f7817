package dev.pgmq.outbox.consumer;

/** How an idle worker waits for new messages. */
public enum PollStrategy {
  /**
   * {@link #LISTEN} when insert notifications are enabled for the queue when the consumer starts
   * ({@code pgmq.enable_notify_insert}), else {@link #POLL}.
   */
  AUTO,
  /**
   * The database waits: {@code read_with_poll} checks every {@code pollInterval} for up to {@code
   * maxPoll}.
   */
  POLL,
  /**
   * The consumer keeps one dedicated connection listening on channel {@code pgmq.q_<queue>.INSERT}
   * and wakes idle workers as soon as a notification arrives; without one, workers read again after
   * {@code maxPoll}. Needs {@code pgmq.enable_notify_insert} on the queue.
   */
  LISTEN
}
