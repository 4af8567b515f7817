package dev.pgmq.jpa.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** Checks of non-name arguments, before any SQL; errors name the argument. */
final class Arguments {

  private static final Pattern NUMERIC = Pattern.compile("[0-9]{1,18}");
  private static final Pattern TIME =
      Pattern.compile(
          "([0-9]{1,9}\\s*(microseconds?|milliseconds?|seconds?|minutes?|hours?|days?|weeks?"
              + "|months?|years?)\\s*)+");

  private Arguments() {}

  /** Whole seconds, {@code >= 0}, at most {@code Integer.MAX_VALUE}. */
  static int seconds(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + value);
    }
    if (value.getNano() != 0) {
      throw new IllegalArgumentException(
          name + " must be whole seconds (PGMQ does not round), was " + value);
    }
    if (value.getSeconds() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          name + " must be at most " + Integer.MAX_VALUE + " seconds, was " + value);
    }
    return (int) value.getSeconds();
  }

  /** Whole milliseconds, {@code >= 0} (or {@code > 0} when {@code positive}). */
  static int millis(Duration value, String name, boolean positive) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || (positive && value.isZero())) {
      throw new IllegalArgumentException(
          name + " must be " + (positive ? "> 0" : ">= 0") + ", was " + value);
    }
    if (value.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException(name + " must be whole milliseconds, was " + value);
    }
    if (value.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException(
          name + " must be at most " + Integer.MAX_VALUE + " ms, was " + value);
    }
    return (int) value.toMillis();
  }

  /** A quantity {@code > 0}. */
  static int positive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, was " + value);
    }
    return value;
  }

  /** A non-empty list without null elements. */
  static <T> List<T> nonEmpty(List<T> values, String name) {
    noNulls(values, name);
    if (values.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    return values;
  }

  /** A list (maybe empty) without null elements. */
  static <T> List<T> noNulls(List<T> values, String name) {
    Objects.requireNonNull(values, name);
    for (int i = 0, n = values.size(); i < n; i++) {
      if (values.get(i) == null) {
        throw new NullPointerException(name + " must not contain null (index " + i + ")");
      }
    }
    return values;
  }

  /** Headers that belong one-to-one to {@code messages} (elements may be null). */
  static void sameSize(List<?> headers, List<?> messages) {
    Objects.requireNonNull(headers, "headers");
    if (headers.size() != messages.size()) {
      throw new IllegalArgumentException(
          "headers must have one entry per message: "
              + headers.size()
              + " headers for "
              + messages.size()
              + " messages");
    }
  }

  /**
   * Checks pg_partman intervals as the seed does: both a positive number of messages ({@code
   * "10000"}) or both a time interval ({@code "1 day"}).
   */
  static void partitionIntervals(String partitionInterval, String retentionInterval) {
    boolean numeric = kind(partitionInterval, "partitionInterval");
    if (numeric != kind(retentionInterval, "retentionInterval")) {
      throw new IllegalArgumentException(
          "partitionInterval and retentionInterval must be of the same kind (both numeric or both"
              + " time intervals), were '"
              + partitionInterval
              + "' and '"
              + retentionInterval
              + "'");
    }
  }

  private static boolean kind(String interval, String name) {
    Objects.requireNonNull(interval, name);
    if (NUMERIC.matcher(interval).matches()) {
      if (Long.parseLong(interval) <= 0) {
        throw new IllegalArgumentException(name + " must be > 0, was '" + interval + "'");
      }
      return true;
    }
    if (TIME.matcher(interval.toLowerCase(Locale.ROOT)).matches()
        && !interval.isBlank()
        && Character.isDigit(interval.charAt(0))) {
      return false;
    }
    throw new IllegalArgumentException(
        name
            + " must be a positive number of messages (\"10000\") or a time interval (\"1 day\","
            + " \"12 hours\"), was '"
            + interval
            + "'");
  }
}
