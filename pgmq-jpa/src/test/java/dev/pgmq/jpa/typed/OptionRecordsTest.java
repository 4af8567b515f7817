package dev.pgmq.jpa.typed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgmq.jpa.FifoMode;
import dev.pgmq.jpa.ReadOptions;
import dev.pgmq.jpa.SendOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionRecordsTest {

  @Test
  void sendOptionsCombineHeadersWithADelayOrAnInstantButNotBoth() {
    SendOptions o = SendOptions.of(Map.of("h", 1)).withDelay(Duration.ofSeconds(5));
    assertThat(o.headers()).isEqualTo(Map.of("h", 1));
    assertThat(o.delay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.withVisibleAt(Instant.EPOCH).delay()).isNull();
    assertThat(SendOptions.at(Instant.EPOCH).withDelay(Duration.ZERO).visibleAt()).isNull();
    assertThatThrownBy(() -> new SendOptions(null, Duration.ZERO, Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SendOptions.of(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> SendOptions.after(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void readOptionsRejectWhatPgmqCannotReadBeforeAnySql() {
    ReadOptions o =
        ReadOptions.of(Duration.ofSeconds(30), 10)
            .withPoll(Duration.ofSeconds(5), Duration.ofMillis(100))
            .withFifo(FifoMode.ROUND_ROBIN);
    assertThat(o.polls()).isTrue();
    assertThat(o.fifo()).isEqualTo(FifoMode.ROUND_ROBIN);
    assertThat(ReadOptions.of(Duration.ZERO, 1).polls()).isFalse();
    assertThatThrownBy(() -> ReadOptions.of(Duration.ZERO, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReadOptions.of(null, 1)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> o.withFilter(Map.of("a", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no filtered FIFO read");
    assertThatThrownBy(
            () -> new ReadOptions(Duration.ZERO, 1, Duration.ofSeconds(1), null, null, null))
        .isInstanceOf(NullPointerException.class);
  }
}
