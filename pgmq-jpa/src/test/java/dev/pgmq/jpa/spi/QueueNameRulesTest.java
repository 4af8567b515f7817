package dev.pgmq.jpa.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgmq.jpa.InvalidQueueNameException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueueNameRulesTest {

  @ParameterizedTest
  @ValueSource(strings = {"orders", "a", "order_events_2", "123", "_x_"})
  void lowerCaseLettersDigitsAndUnderscoresUpTo47AreAccepted(String name) {
    assertThat(QueueNames.check(name)).isEqualTo(name);
  }

  @org.junit.jupiter.api.Test
  void fortySevenCharactersAreAcceptedAndFortyEightRejected() {
    assertThat(QueueNames.check("q".repeat(47))).hasSize(47);
    assertThatThrownBy(() -> QueueNames.check("q".repeat(48)))
        .isInstanceOf(InvalidQueueNameException.class)
        .hasMessageContaining("too long");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " orders",
        "orders ",
        "my queue",
        "a$b",
        "a;b",
        "a--b",
        "a'b",
        "a-b",
        "a.b",
        "a\"b",
        "é",
        "q\u0000",
        "ünïcode"
      })
  void anythingElseIsRejected(String name) {
    assertThatThrownBy(() -> QueueNames.check(name)).isInstanceOf(InvalidQueueNameException.class);
  }

  @org.junit.jupiter.api.Test
  void mixedCaseIsRejectedWithTheLowerCaseSuggestion() {
    assertThatThrownBy(() -> QueueNames.check("Orders"))
        .isInstanceOf(InvalidQueueNameException.class)
        .hasMessageContaining("lower case")
        .hasMessageContaining("'orders'");
  }

  @org.junit.jupiter.api.Test
  void nullIsANullPointer() {
    assertThatThrownBy(() -> QueueNames.check(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("queue");
  }
}
