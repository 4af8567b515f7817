package dev.pgmq.spring;

import static dev.pgmq.spring.Apps.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pgmq.spring.app.OrderService;
import dev.pgmq.spring.app.Shipping;
import dev.pgmq.spring.app.TestApp;
import dev.pgmq.spring.internal.ListenerContainer;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * @PgmqListener methods of Spring beans: Spring transactions, retries, graceful shutdown.
 */
@PgmqDatabaseTest
class SpringListenerIT {

  @BeforeEach
  void reset(TestDatabase db) {
    Shipping.FAIL_FIRST.clear();
    Shipping.THREADS.clear();
    Shipping.sleepMillis = 0;
    Apps.execute(db, "drop table if exists shipment");
    Apps.execute(db, "drop table if exists purchase_order");
    Apps.execute(db, "select pgmq.purge_queue(queue_name) from pgmq.list_queues()");
  }

  @Test
  void listenerEffectCommitsWithTheAcknowledgement(TestDatabase db) {
    try (ConfigurableApplicationContext app = Apps.start(db, TestApp.class)) {
      OrderService orders = app.getBean(OrderService.class);
      for (long id = 1; id <= 5; id++) {
        orders.place(id, 100 * id, false);
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> count(db, "select count(*) from pgmq.q_orders") == 0);
      assertThat(count(db, "select count(*) from shipment")).isEqualTo(5);
      assertThat(app.getBean(ListenerContainer.class).isRunning()).isTrue();

      MeterRegistry registry = app.getBean(MeterRegistry.class);
      Counter processed = registry.find("pgmq.consumer.processed").tag("queue", "orders").counter();
      assertThat(processed).isNotNull();
      assertThat(processed.count()).isEqualTo(5.0);
      Gauge audit = registry.find("pgmq.queue.length").tag("queue", "audit").gauge();
      assertThat(audit).isNotNull();
      assertThat(audit.value()).as("audit messages sent by the service").isEqualTo(10.0);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void healthIndicatorReportsQueuesConsumersAndDeadLetters(TestDatabase db) throws Exception {
    try (ConfigurableApplicationContext app =
        Apps.start(db, TestApp.class, "pgmq.health.max-dead-letters=0")) {
      HealthProbe.Result up = HealthProbe.pgmq(app);
      assertThat(up.status()).as(up.details().toString()).isEqualTo("UP");
      assertThat(up.details()).containsEntry("pgmqInstalled", true).containsKey("pgmqVersion");
      Map<String, Object> orders =
          (Map<String, Object>) ((Map<String, Object>) up.details().get("queues")).get("orders");
      assertThat(orders)
          .containsEntry("consumers", 1)
          .containsEntry("consumersRunning", 1)
          .containsEntry("deadLetterQueue", "orders_dlq");
      assertThat((Map<String, Object>) up.details().get("queues")).containsKey("audit");

      Apps.execute(db, "select pgmq.send('orders_dlq', '{\"dead\": true}'::jsonb)");
      HealthProbe.Result down = HealthProbe.pgmq(app);
      assertThat(down.status()).isEqualTo("DOWN");
      assertThat(down.details().get("problems").toString()).contains("orders_dlq");
    }
  }

  @Test
  void failedHandlingRollsItsEffectBackAndTheRetryCommitsOnce(TestDatabase db) {
    Shipping.FAIL_FIRST.add(7L);
    try (ConfigurableApplicationContext app = Apps.start(db, TestApp.class)) {
      app.getBean(OrderService.class).place(7, 700, false);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> count(db, "select count(*) from pgmq.q_orders") == 0);
      assertThat(count(db, "select count(*) from shipment where order_id = 7")).isEqualTo(1);
      assertThat(count(db, "select attempt from shipment where order_id = 7"))
          .as("the first attempt's shipment was rolled back with it")
          .isEqualTo(2);
      assertThat(
              app.getBean(MeterRegistry.class)
                  .find("pgmq.consumer.failed")
                  .tag("queue", "orders")
                  .counter()
                  .count())
          .isEqualTo(1.0);
    }
  }

  @Test
  void closingTheContextLosesNoMessage(TestDatabase db) {
    int total = 30;
    Shipping.sleepMillis = 200;
    try (ConfigurableApplicationContext app = Apps.start(db, TestApp.class)) {
      OrderService orders = app.getBean(OrderService.class);
      for (long id = 1; id <= total; id++) {
        orders.place(id, id, false);
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> count(db, "select count(*) from shipment") >= 4);
    } // graceful: running handlers commit, read-but-unstarted messages become visible again
    long shipped = count(db, "select count(*) from shipment");
    long queued = count(db, "select count(*) from pgmq.q_orders");
    long visible = count(db, "select count(*) from pgmq.q_orders where vt <= clock_timestamp()");
    assertThat(shipped).isLessThan(total);
    assertThat(shipped + queued).as("shipped + still queued").isEqualTo(total);
    assertThat(visible).as("nothing left invisible by the shutdown").isEqualTo(queued);

    Shipping.sleepMillis = 0;
    try (ConfigurableApplicationContext app = Apps.start(db, TestApp.class)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> count(db, "select count(*) from pgmq.q_orders") == 0);
    }
    assertThat(count(db, "select count(*) from shipment")).isEqualTo(total);
  }

  @Test
  void listenersRunOnVirtualThreadsWhenSpringAsksForThem(TestDatabase db) throws Exception {
    boolean java21 = Runtime.version().feature() >= 21;
    try (ConfigurableApplicationContext app =
        Apps.start(db, TestApp.class, "spring.threads.virtual.enabled=true")) {
      app.getBean(OrderService.class).place(9, 900, false);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> count(db, "select count(*) from shipment") == 1);
    }
    Thread thread = Shipping.THREADS.iterator().next();
    boolean virtual = java21 && (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
    assertThat(virtual).as("virtual on Java 21+, platform on Java 17").isEqualTo(java21);
    assertThat(thread.getName()).startsWith("pgmq-consumer-orders-");
  }
}
