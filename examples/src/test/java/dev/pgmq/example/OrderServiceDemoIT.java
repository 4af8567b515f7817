package dev.pgmq.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@PgmqDatabaseTest(installPgmq = false)
class OrderServiceDemoIT {

  @Test
  void demoShipsEveryOrderExactlyOnceAndPrintsSummary(TestDatabase db) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    DemoSummary summary =
        new OrderServiceDemo(DemoOptions.parse("--orders", "200", "--producers", "2"), out)
            .run(DemoDatabase.at(db.jdbcUrlWithCredentials()));

    assertThat(summary.ok()).as(bytes.toString(StandardCharsets.UTF_8)).isTrue();
    assertThat(summary.orders()).isEqualTo(200);
    assertThat(summary.eventsSent()).isEqualTo(200);
    assertThat(summary.shipments()).isEqualTo(200);
    assertThat(summary.latenciesMillis()).hasSize(200);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("orders placed      200")
        .contains("latency p50 / p99")
        .contains("OK: every order shipped exactly once");
  }

  @Test
  void optionsDefaultAndValidate() {
    assertThat(DemoOptions.parse()).isEqualTo(new DemoOptions(3000, 4, 4));
    assertThat(DemoOptions.parse("--orders", "10", "--workers", "1"))
        .isEqualTo(new DemoOptions(10, 4, 1));
    assertThatThrownBy(() -> DemoOptions.parse("--orders", "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--orders");
    assertThatThrownBy(() -> DemoOptions.parse("--speed", "3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown option --speed");
  }

  @Test
  void progressBarShowsBothCounters() {
    assertThat(ProgressBar.line(5, 0, 10))
        .isEqualTo(
            "placed   [###############...............]  5/10  consumed"
                + " [..............................]  0/10");
  }
}
