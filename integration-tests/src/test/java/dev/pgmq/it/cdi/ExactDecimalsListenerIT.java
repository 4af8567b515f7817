package dev.pgmq.it.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.it.cdi.PricedListener.PricedOrder;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** {@code @PgmqListener} methods receive numbers exactly as they were stored. */
@PgmqDatabaseTest
class ExactDecimalsListenerIT {

  static final String AMOUNT = "12345678901234567.89";

  /** Far more digits than a {@code double} holds (about 17). */
  static final String PI_60 = "3.14159265358979323846264338327950288419716939937510582097494459";

  @Test
  void listenerMethodsReceiveDecimalsExactly(TestDatabase db) {
    CdiApp.sql(
        db,
        "select pgmq.create('priced_orders')",
        "select pgmq.create('priced_raw')",
        "select pgmq.send('priced_orders', '{\"id\": \"o-1\", \"total\": 42.00, \"amount\": "
            + AMOUNT
            + "}')",
        "select pgmq.send('priced_raw', '{\"pi\": " + PI_60 + ", \"price\": 99.90}')");
    PricedListener.RECEIVED.clear();

    try (WeldContainer container = CdiApp.start(db, LocalPersistence.class, PricedListener.class)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> PricedListener.RECEIVED.size() == 3);
    }

    PricedOrder expected = new PricedOrder("o-1", new BigDecimal("42.00"), new BigDecimal(AMOUNT));
    assertThat(PricedListener.RECEIVED)
        .filteredOn(PricedOrder.class::isInstance)
        .containsExactly(expected, expected);
    JsonNode raw =
        (JsonNode)
            PricedListener.RECEIVED.stream().filter(JsonNode.class::isInstance).findFirst().get();
    assertThat(raw.get("pi").decimalValue()).isEqualTo(new BigDecimal(PI_60));
    assertThat(raw.get("price").toString()).isEqualTo("99.90");
  }
}
