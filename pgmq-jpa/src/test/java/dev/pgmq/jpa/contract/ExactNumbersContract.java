package dev.pgmq.jpa.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.SendOptions;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Numbers come back exactly as sent, with the default configuration, on every read shape: no
 * rounding through {@code double}, no trailing zeros dropped. Run once per setup through {@link
 * PgmqContract}'s subclasses.
 */
abstract class ExactNumbersContract extends CoreOperationsContract {

  static final BigDecimal AMOUNT = new BigDecimal("12345678901234567.89");
  static final BigDecimal PRICE = new BigDecimal("99.90");

  /** Far more digits than a {@code double} holds (about 17). */
  static final String PI_60 = "3.14159265358979323846264338327950288419716939937510582097494459";

  static final String BIG_INTEGER = "123456789012345678901234567890123456789";

  record Priced(String item, BigDecimal total) {}

  record Pi(BigDecimal pi, BigInteger big) {}

  @Test
  void decimalsComeBackExactlyInRawPayloadsAndHeaders() {
    String queue = newQueue();
    pgmq()
        .send(
            queue,
            Map.of("amount", AMOUNT, "price", PRICE),
            SendOptions.of(Map.of("rate", new BigDecimal("0.10"))));

    Message<JsonNode> m = pgmq().read(queue, VT).orElseThrow();

    assertThat(m.message().get("amount").decimalValue()).isEqualTo(AMOUNT);
    assertThat(m.message().get("price").decimalValue()).isEqualTo(PRICE);
    assertThat(m.message().get("price").toString()).isEqualTo("99.90");
    assertThat(m.headers().get("rate").decimalValue()).isEqualTo(new BigDecimal("0.10"));
  }

  @Test
  void decimalsComeBackExactlyInRecordsAndMaps() {
    String queue = newQueue();
    pgmq().send(queue, new Priced("book", new BigDecimal("42.00")));
    pgmq().send(queue, Map.of("amount", AMOUNT, "price", PRICE));

    Message<Priced> record = pgmq().read(queue, VT, Priced.class).orElseThrow();
    Message<Map<String, Object>> map =
        pgmq().read(queue, VT, new TypeReference<Map<String, Object>>() {}).orElseThrow();

    assertThat(record.message()).isEqualTo(new Priced("book", new BigDecimal("42.00")));
    assertThat(map.message()).containsEntry("amount", AMOUNT).containsEntry("price", PRICE);
  }

  @Test
  void jsonWithMoreDigitsThanADoubleHoldsIsReadExactlyOnEveryReadShape() throws SQLException {
    String queue = newQueue();
    String json = "{\"pi\": " + PI_60 + ", \"big\": " + BIG_INTEGER + "}";
    for (int i = 0; i < 3; i++) {
      sendJsonText(queue, json);
    }

    Message<JsonNode> raw = pgmq().read(queue, VT).orElseThrow();
    Message<Pi> typed = pgmq().readBatch(queue, VT, 1, Pi.class).get(0);
    Message<RawValue> text = pgmq().pop(queue, RawValue.class).orElseThrow();

    assertThat(raw.message().get("pi").decimalValue()).isEqualTo(new BigDecimal(PI_60));
    assertThat(raw.message().get("big").bigIntegerValue()).isEqualTo(new BigInteger(BIG_INTEGER));
    assertThat(typed.message())
        .isEqualTo(new Pi(new BigDecimal(PI_60), new BigInteger(BIG_INTEGER)));
    assertThat(text.message().rawValue().toString())
        .as("RawValue: the stored JSON text, unparsed")
        .contains(PI_60, BIG_INTEGER);
  }

  @Test
  void rawJsonTextIsSentAsIs() {
    String queue = newQueue();
    String json = "{\"total\": 42.00, \"pi\": " + PI_60 + "}";
    pgmq().sendBatch(queue, List.of(new RawValue(json)));

    Message<Map<String, Object>> m =
        pgmq().read(queue, VT, new TypeReference<Map<String, Object>>() {}).orElseThrow();

    assertThat(m.message())
        .containsEntry("total", new BigDecimal("42.00"))
        .containsEntry("pi", new BigDecimal(PI_60));
  }

  private void sendJsonText(String queue, String json) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement("select pgmq.send(?, ?::jsonb)")) {
      ps.setString(1, queue);
      ps.setString(2, json);
      ps.executeQuery().close();
    }
  }
}
