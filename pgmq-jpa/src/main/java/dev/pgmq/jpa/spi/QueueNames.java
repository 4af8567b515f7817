package dev.pgmq.jpa.spi;

import dev.pgmq.jpa.InvalidQueueNameException;

/**
 * The library's queue-name rule, {@code ^[a-z0-9_]{1,47}$} taken exactly as given (no trimming, no
 * case folding): what every operation checks before any SQL runs, for modules that take queue names
 * in their own configuration. Stateless.
 */
public final class QueueNames {

  /** The longest name: {@code template_pgmq_q_} plus the name must fit PostgreSQL's 63 bytes. */
  public static final int MAX_LENGTH = dev.pgmq.jpa.internal.QueueNames.MAX_LENGTH;

  private QueueNames() {}

  /**
   * Returns {@code queue} when it is a valid queue name.
   *
   * @throws NullPointerException when {@code queue} is null
   * @throws InvalidQueueNameException naming the rule it breaks
   */
  public static String check(String queue) {
    return dev.pgmq.jpa.internal.QueueNames.check(queue);
  }

  /**
   * Returns {@code queue}, the value of setting (or argument) {@code setting}, when it is a valid
   * queue name.
   *
   * @throws NullPointerException naming {@code setting} when {@code queue} is null
   * @throws InvalidQueueNameException naming the rule it breaks, and {@code setting} unless that is
   *     {@code "queue"}
   */
  public static String check(String queue, String setting) {
    return dev.pgmq.jpa.internal.QueueNames.check(queue, setting);
  }
}
