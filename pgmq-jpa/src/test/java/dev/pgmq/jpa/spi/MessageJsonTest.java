package dev.pgmq.jpa.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.PgmqConfig;
import dev.pgmq.jpa.PgmqSerializationException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MessageJsonTest {

  record Line(String sku, BigDecimal price) {}

  private final MessageJson json = MessageJson.of(PgmqConfig.defaults().objectMapper());

  @Test
  void readsIntoATypeStraightFromTheText() {
    assertThat(json.read("{\"sku\": \"a-1\", \"price\": 9.90}", Line.class, 1))
        .isEqualTo(new Line("a-1", new BigDecimal("9.90")));
    assertThat(json.read(null, Line.class, 1)).isNull();
  }

  @Test
  void treesKeepEveryNumberExactly() {
    JsonNode tree = json.readTree("{\"price\": 99.90, \"big\": 0.1000000000000000055511}", 1);
    assertThat(tree.get("price").decimalValue()).isEqualTo(new BigDecimal("99.90"));
    assertThat(tree.get("big").decimalValue())
        .isEqualTo(new BigDecimal("0.1000000000000000055511"));
    assertThat(json.readTree(null, 1)).isNull();
  }

  @Test
  void undecodableTextNamesTheMessage() {
    assertThatThrownBy(() -> json.read("{\"sku\": [}", Line.class, 42))
        .isInstanceOf(PgmqSerializationException.class)
        .hasMessageContaining("message 42");
  }

  @Test
  void unpairedSurrogateIsNotEncodable() {
    assertThat(MessageJson.requireEncodable("{\"a\": \"ok 😀\"}", "payload"))
        .isEqualTo("{\"a\": \"ok 😀\"}");
    assertThatThrownBy(() -> MessageJson.requireEncodable("{\"a\": \"\uD800\"}", "headers"))
        .isInstanceOf(PgmqSerializationException.class)
        .hasMessageStartingWith("headers contains an unpaired UTF-16 surrogate (U+D800)");
  }
}
