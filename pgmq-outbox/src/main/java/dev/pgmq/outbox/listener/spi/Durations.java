package dev.pgmq.outbox.listener.spi;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations of {@code @PgmqListener}: {@code 500ms}, {@code 30s}, {@code 5m}, {@code
 * 1h}, ISO-8601.
 */
final class Durations {

  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");

  private Durations() {}

  /**
   * The duration {@code value} of attribute {@code attribute}.
   *
   * @throws IllegalArgumentException naming the attribute when {@code value} is not a duration
   */
  static Duration parse(String value, String attribute) {
    String text = value.trim();
    Matcher m = SHORT.matcher(text);
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    }
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          attribute
              + " must be a duration such as 500ms, 30s, 5m, 1h or PT30S, was '"
              + value
              + "'",
          e);
    }
  }
}
