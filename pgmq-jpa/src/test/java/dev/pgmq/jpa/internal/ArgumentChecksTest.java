package dev.pgmq.jpa.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArgumentChecksTest {

  @Test
  void wholeNonNegativeSecondsPassThrough() {
    assertThat(Arguments.seconds(Duration.ZERO, "vt")).isZero();
    assertThat(Arguments.seconds(Duration.ofMinutes(2), "vt")).isEqualTo(120);
    assertThat(Arguments.seconds(Duration.ofSeconds(Integer.MAX_VALUE), "vt"))
        .isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void secondsThatPgmqCannotRepresentAreRejectedNamingTheArgument() {
    assertThatThrownBy(() -> Arguments.seconds(Duration.ofSeconds(-1), "delay"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("delay must not be negative");
    assertThatThrownBy(() -> Arguments.seconds(Duration.ofMillis(1500), "vt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("vt must be whole seconds");
    assertThatThrownBy(() -> Arguments.seconds(Duration.ofSeconds(Integer.MAX_VALUE + 1L), "vt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("vt must be at most");
    assertThatThrownBy(() -> Arguments.seconds(null, "maxPoll"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("maxPoll");
  }

  @Test
  void millisecondsMustBeWholeAndPositiveWhereRequired() {
    assertThat(Arguments.millis(Duration.ofMillis(250), "pollInterval", true)).isEqualTo(250);
    assertThat(Arguments.millis(Duration.ZERO, "throttle", false)).isZero();
    assertThatThrownBy(() -> Arguments.millis(Duration.ZERO, "pollInterval", true))
        .hasMessageStartingWith("pollInterval must be > 0");
    assertThatThrownBy(() -> Arguments.millis(Duration.ofNanos(1500), "pollInterval", true))
        .hasMessageStartingWith("pollInterval must be whole milliseconds");
  }

  @Test
  void quantitiesMustBePositive() {
    assertThat(Arguments.positive(1, "qty")).isOne();
    assertThatThrownBy(() -> Arguments.positive(0, "qty")).hasMessage("qty must be > 0, was 0");
    assertThatThrownBy(() -> Arguments.positive(-3, "qty")).hasMessage("qty must be > 0, was -3");
  }

  @Test
  void listsWithNullsOrMismatchedHeadersAreRejected() {
    assertThatThrownBy(() -> Arguments.noNulls(Arrays.asList(1L, null), "msgIds"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("msgIds")
        .hasMessageContaining("index 1");
    assertThatThrownBy(() -> Arguments.nonEmpty(List.of(), "messages"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("messages must not be empty");
    assertThatThrownBy(() -> Arguments.sameSize(List.of(1), List.of(1, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 headers for 2 messages");
  }

  @ParameterizedTest
  @CsvSource({"10000,100000", "1,1", "1 day,7 days", "1 hour,1 week", "30 minutes,2 months"})
  void partitionIntervalsOfTheSameKindAreAccepted(String partition, String retention) {
    assertThatCode(() -> Arguments.partitionIntervals(partition, retention))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @CsvSource({
    "10000,7 days,same kind",
    "1 day,100000,same kind",
    "0,100,partitionInterval must be > 0",
    "-5,100,partitionInterval must be a positive number",
    "ten,100,partitionInterval must be",
    "1 fortnight,1 day,partitionInterval must be",
    "'1 day; drop table x',1 day,partitionInterval must be",
    "100,'',retentionInterval must be"
  })
  void otherPartitionIntervalsAreRejected(String partition, String retention, String message) {
    assertThatThrownBy(() -> Arguments.partitionIntervals(partition, retention))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
