package dev.pgmq.outbox.consumer;

/** What acknowledging a handled message does. */
public enum AckMode {
  /** Deletes the message ({@code pgmq.delete}). */
  DELETE,
  /** Moves the message to the queue's archive table ({@code pgmq.archive}). */
  ARCHIVE
}
