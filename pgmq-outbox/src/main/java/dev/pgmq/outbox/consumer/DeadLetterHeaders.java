package dev.pgmq.outbox.consumer;

import java.util.List;

/**
 * The headers a consumer adds to a message it moves to the dead-letter queue, next to the message's
 * own headers (which are kept). Every value is a JSON string, except {@link #ATTEMPTS} and {@link
 * #ORIGINAL_MSG_ID}, which are numbers. Replaying a message removes them again.
 */
public final class DeadLetterHeaders {

  /** Why the message was dead-lettered: {@code max-attempts}, {@code non-retryable}, ... */
  public static final String REASON = "x-dlq-reason";

  /** The class name of the exception that failed the last attempt, if any. */
  public static final String EXCEPTION = "x-dlq-exception";

  /** The message of that exception, truncated to 2000 characters, if any. */
  public static final String EXCEPTION_MESSAGE = "x-dlq-exception-message";

  /** How many times the message had been read ({@code read_ct}) when it was dead-lettered. */
  public static final String ATTEMPTS = "x-dlq-attempts";

  /** The queue the message was read from. */
  public static final String ORIGINAL_QUEUE = "x-dlq-original-queue";

  /** The message id it had in that queue. */
  public static final String ORIGINAL_MSG_ID = "x-dlq-original-msg-id";

  /** When it was dead-lettered: ISO-8601 UTC instant. */
  public static final String DEAD_LETTERED_AT = "x-dlq-dead-lettered-at";

  /** Every header name above, in the order they are written. */
  public static final List<String> ALL =
      List.of(
          REASON,
          EXCEPTION,
          EXCEPTION_MESSAGE,
          ATTEMPTS,
          ORIGINAL_QUEUE,
          ORIGINAL_MSG_ID,
          DEAD_LETTERED_AT);

  /** Reason: the last allowed attempt failed. */
  public static final String REASON_MAX_ATTEMPTS = "max-attempts";

  /** Reason: the handler threw a {@link NonRetryable} exception. */
  public static final String REASON_NON_RETRYABLE = "non-retryable";

  /**
   * Reason: the message had been delivered more often than allowed without being acknowledged
   * (workers died or stopped while holding it).
   */
  public static final String REASON_REDELIVERED = "redelivered-too-often";

  private DeadLetterHeaders() {}
}
