package dev.pgmq.jpa.spi;

import dev.pgmq.jpa.InvalidQueueNameException;
import java.util.Locale;
import java.util.Objects;

/**
 * The library's queue-name rule, {@code ^[a-z0-9_]{1,47}$} taken exactly as given (no trimming, no
 * case folding): what every operation checks before any SQL runs, for modules that take queue names
 * in their own configuration. Stateless.
 */
public final class QueueNames {

  /** PGMQ's limit: {@code template_pgmq_q_} plus the name must fit PostgreSQL's 63 bytes. */
  public static final int MAX_LENGTH = 47;

  private QueueNames() {}

  /**
   * Returns {@code queue} when it is valid.
   *
   * @throws NullPointerException when {@code queue} is null
   * @throws InvalidQueueNameException naming the rule it breaks
   */
  public static String check(String queue) {
    return check(queue, "queue");
  }

  /**
   * Returns the queue name {@code queue} of setting (or argument) {@code setting} when it is valid.
   *
   * @throws NullPointerException naming {@code setting} when {@code queue} is null
   * @throws InvalidQueueNameException naming the rule it breaks, and {@code setting} unless that is
   *     {@code "queue"}
   */
  public static String check(String queue, String setting) {
    Objects.requireNonNull(queue, setting);
    String prefix = setting.equals("queue") ? "" : setting + ": ";
    int length = queue.length();
    if (length == 0) {
      throw new InvalidQueueNameException(prefix + "queue name must not be empty");
    }
    if (length > MAX_LENGTH) {
      throw new InvalidQueueNameException(
          prefix
              + "queue name '"
              + printable(queue)
              + "' is too long: "
              + length
              + " characters, at most "
              + MAX_LENGTH
              + " allowed");
    }
    for (int i = 0; i < length; i++) {
      char c = queue.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
        continue;
      }
      if (c >= 'A' && c <= 'Z') {
        throw new InvalidQueueNameException(
            prefix
                + "queue name '"
                + printable(queue)
                + "' must be lower case (PGMQ folds table names to lower case but keeps the"
                + " spelling in pgmq.meta, so mixed-case names alias each other): use '"
                + queue.toLowerCase(Locale.ROOT)
                + "' if the rest of the name is valid");
      }
      throw new InvalidQueueNameException(
          prefix
              + "queue name '"
              + printable(queue)
              + "' contains a character that is not allowed at index "
              + i
              + " (only a-z, 0-9 and _ are)");
    }
    return queue;
  }

  private static String printable(String name) {
    StringBuilder sb = new StringBuilder(Math.min(name.length(), 60));
    for (int i = 0; i < name.length() && i < 60; i++) {
      char c = name.charAt(i);
      sb.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return name.length() > 60 ? sb.append("...").toString() : sb.toString();
  }
}
