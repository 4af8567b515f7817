package dev.pgmq.jpa;

/**
 * How a FIFO read chooses among message groups (the {@value Pgmq#GROUP_HEADER} header). A group is
 * skipped while its oldest message is invisible or held by another open read, so each group is
 * processed in order.
 */
public enum FifoMode {
  /**
   * Fills the batch with the visible messages of the group whose oldest message is oldest, then the
   * next group; returned ordered by id ({@code pgmq.read_grouped}).
   */
  OLDEST_GROUP_FIRST,
  /** One message per group per round, returned round by round ({@code pgmq.read_grouped_rr}). */
  ROUND_ROBIN,
  /** At most the head message of each group ({@code pgmq.read_grouped_head}). */
  HEADS_ONLY
}
