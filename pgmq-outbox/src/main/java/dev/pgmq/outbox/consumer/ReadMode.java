package dev.pgmq.outbox.consumer;

/** How workers read batches. */
public enum ReadMode {
  /** Oldest visible messages first ({@code pgmq.read_with_poll}); no ordering between workers. */
  STANDARD,
  /**
   * FIFO by group ({@code pgmq.read_grouped*}, group = header {@code x-pgmq-group}): a group's
   * messages are handled one after the other, in order, by one worker at a time; a failed message
   * blocks its group until it is handled or dead-lettered. Batches are filled from the oldest group
   * first.
   */
  FIFO,
  /**
   * As {@link #FIFO}, but batches take messages round-robin across groups ({@code
   * read_grouped_rr}).
   */
  FIFO_ROUND_ROBIN
}
