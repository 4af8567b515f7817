package dev.pgmq.outbox.listener.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void shortFormsAndIsoDurationsAreRead() {
    assertThat(Durations.parse("500ms", "vt")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("30s", "vt")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse(" 5m ", "vt")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("1h", "vt")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("PT1M30S", "vt")).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void unreadableDurationNamesTheAttributeAndTheValue() {
    assertThatThrownBy(() -> Durations.parse("ten seconds", "backoffMax"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "backoffMax must be a duration such as 500ms, 30s, 5m, 1h or PT30S, was 'ten seconds'");
  }
}
