package dev.pgmq.outbox.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff =
      new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 2.0, 0.25);

  @Test
  void delayDoublesPerAttemptUpToTheMaximum() {
    assertThat(backoff.delay(1, 0.0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delay(2, 0.0)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delay(3, 0.0)).isEqualTo(Duration.ofSeconds(4));
    assertThat(backoff.delay(5, 0.0)).isEqualTo(Duration.ofSeconds(10));
    assertThat(backoff.delay(1000, 0.0)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void jitterTakesOffAtMostItsFraction() {
    assertThat(backoff.delay(3, 0.5)).isEqualTo(Duration.ofMillis(3500));
    for (int i = 0; i < 1000; i++) {
      assertThat(backoff.delay(2)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(2));
      assertThat(backoff.delay(40)).isBetween(Duration.ofMillis(7500), Duration.ofSeconds(10));
    }
  }

  @Test
  void invalidParametersAreRejectedByName() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 2, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("initial");
    assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("max");
    assertThatThrownBy(() -> Backoff.defaults().withMultiplier(0.5))
        .hasMessageContaining("multiplier");
    assertThatThrownBy(() -> Backoff.defaults().withJitter(1.0)).hasMessageContaining("jitter");
    assertThatThrownBy(() -> Backoff.defaults().delay(0)).hasMessageContaining("attempt");
  }
}
