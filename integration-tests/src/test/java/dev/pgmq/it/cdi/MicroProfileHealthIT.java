package dev.pgmq.it.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The extension's MicroProfile Health checks over the listener queues, on Weld SE. */
@PgmqDatabaseTest
class MicroProfileHealthIT {

  private final TestDatabase db;

  MicroProfileHealthIT(TestDatabase db) {
    this.db = db;
  }

  @BeforeEach
  void empty() {
    CdiApp.freshSchema(db);
  }

  @Test
  void readinessReportsTheListenerQueuesAndLivenessTheirConsumers() {
    try (WeldContainer container =
        CdiApp.start(db, LocalPersistence.class, LocalOrderService.class, ShippingListener.class)) {
      HealthCheckResponse ready =
          container.select(HealthCheck.class, Readiness.Literal.INSTANCE).get().call();
      assertThat(ready.getName()).isEqualTo("pgmq");
      assertThat(ready.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
      Map<String, Object> data = ready.getData().orElseThrow();
      assertThat(data)
          .containsEntry("pgmqInstalled", true)
          .containsKey("pgmqVersion")
          .containsEntry("orders.depth", 0L)
          .containsEntry("orders.deadLetters", 0L)
          .containsEntry("orders.consumersRunning", "1/1");

      HealthCheckResponse live =
          container.select(HealthCheck.class, Liveness.Literal.INSTANCE).get().call();
      assertThat(live.getName()).isEqualTo("pgmq-consumers");
      assertThat(live.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
      assertThat(live.getData().orElseThrow()).containsEntry("orders.running", true);
    }
  }

  @Test
  void applicationThresholdsTurnReadinessDown() {
    CdiApp.sql(
        db,
        "select pgmq.create('orders_dlq')",
        "select pgmq.send('orders_dlq', '{\"dead\": true}'::jsonb)");
    try (WeldContainer container =
        CdiApp.start(
            db,
            LocalPersistence.class,
            LocalOrderService.class,
            ShippingListener.class,
            StrictHealthThresholds.class)) {
      HealthCheckResponse ready =
          container.select(HealthCheck.class, Readiness.Literal.INSTANCE).get().call();
      assertThat(ready.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
      assertThat(ready.getData().orElseThrow())
          .containsEntry("orders.deadLetters", 1L)
          .hasEntrySatisfying(
              "problems",
              p -> assertThat(p.toString()).contains("orders: dead-letter queue 'orders_dlq'"));
      assertThat(
              container
                  .select(HealthCheck.class, Liveness.Literal.INSTANCE)
                  .get()
                  .call()
                  .getStatus())
          .isEqualTo(HealthCheckResponse.Status.UP);
    }
  }
}
