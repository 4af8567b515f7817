package dev.pgmq.jpa.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.pgmq.jpa.PgmqSerializationException;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

  private static final String JSON = "{\"amount\": 12345678901234567.89, \"price\": 99.90}";

  /** A mapper with Jackson's own defaults: doubles in trees, trailing zeros stripped. */
  private final JsonCodec plainMapper = new JsonCodec(new ObjectMapper());

  @Test
  void treesAreExactWhateverTheMappersSettings() {
    JsonNode tree = plainMapper.read(JSON, JsonCodec.jsonNode(), 1);
    ObjectNode object = plainMapper.read(JSON, plainMapper.type(ObjectNode.class), 1);

    assertThat(tree.get("amount").decimalValue()).isEqualTo(new BigDecimal("12345678901234567.89"));
    assertThat(tree.get("price").toString()).isEqualTo("99.90");
    assertThat(object).isEqualTo(tree);
    assertThat(plainMapper.headersTree("{\"rate\": 0.10}", 1).get("rate").toString())
        .isEqualTo("0.10");
  }

  @Test
  void rawValueIsTheJsonTextBothWays() {
    RawValue raw = plainMapper.read(JSON, plainMapper.type(RawValue.class), 1);

    assertThat(raw.rawValue()).isEqualTo(JSON);
    assertThat(plainMapper.payload(raw)).isEqualTo(JSON);
  }

  @Test
  void treeOfTheWrongKindIsASerializationError() {
    assertThatThrownBy(() -> plainMapper.read("[1]", plainMapper.type(ObjectNode.class), 7))
        .isInstanceOf(PgmqSerializationException.class)
        .hasMessageContaining("message 7");
  }

  @Test
  void typedReadsFollowTheMapper() {
    Map<?, ?> map = plainMapper.read(JSON, plainMapper.type(Map.class), 1);

    assertThat(map.get("price")).isEqualTo(99.9);
  }
}
