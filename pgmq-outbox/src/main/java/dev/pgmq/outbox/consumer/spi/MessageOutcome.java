package dev.pgmq.outbox.consumer.spi;

/** What became of a message a worker processed, as told to {@link ProcessingScope#end}. */
public enum MessageOutcome {
  /** The handler succeeded and the acknowledgement committed. */
  PROCESSED,
  /** The attempt failed; the message stays in the queue for a later attempt (backoff). */
  RETRIED,
  /** The message was moved to the dead-letter queue. */
  DEAD_LETTERED,
  /** The consumer stopped before settling it; the message was made visible again at once. */
  RELEASED,
  /** Another worker had already acknowledged it; this attempt was rolled back. */
  GONE
}
