package dev.pgmq.example.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

@PgmqDatabaseTest(installPgmq = false)
class OrderApplicationIT {

  private static ConfigurableApplicationContext start(TestDatabase db, String... more) {
    String[] args = new String[more.length + 1];
    args[0] = "--spring.datasource.url=" + db.jdbcUrlWithCredentials();
    System.arraycopy(more, 0, args, 1, more.length);
    return SpringApplication.run(OrderApplication.class, args);
  }

  private static long count(ConfigurableApplicationContext app, String sql) {
    return app.getBean(JdbcTemplate.class).queryForObject(sql, Long.class);
  }

  @Test
  void demoShipsEveryOrderExactlyOnce(TestDatabase db) {
    try (ConfigurableApplicationContext app = start(db, "--demo.orders=200")) {
      assertThat(count(app, "select count(*) from shipment")).isGreaterThanOrEqualTo(200);
      assertThat(count(app, "select count(*) from purchase_order where status <> 'SHIPPED'"))
          .isZero();
      assertThat(count(app, "select count(*) from pgmq.q_orders")).isZero();
    }
  }

  @Test
  void refusedOrderCommitsNeitherOrderNorEvent(TestDatabase db) {
    try (ConfigurableApplicationContext app = start(db)) {
      OrderService orders = app.getBean(OrderService.class);
      assertThatThrownBy(() -> orders.place(1_000_000, "nobody", -5))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(count(app, "select count(*) from purchase_order where id = 1000000")).isZero();
      assertThat(
              count(
                  app, "select count(*) from pgmq.q_orders where message->>'orderId' = '1000000'"))
          .isZero();
    }
  }

  @Test
  void shutdownMidwayLosesNoOrder(TestDatabase db) {
    long first;
    int n = 300;
    try (ConfigurableApplicationContext app = start(db)) {
      first = count(app, "select coalesce(max(id), 0) from purchase_order") + 2_000_000;
      OrderService orders = app.getBean(OrderService.class);
      LongStream.range(first, first + n).forEach(id -> orders.place(id, "c", 100));
    } // stops while the listener is still shipping
    try (ConfigurableApplicationContext app = start(db)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  count(
                          app,
                          "select count(*) from purchase_order where status = 'PLACED' and id >= "
                              + first)
                      == 0);
      assertThat(count(app, "select count(*) from shipment where order_id >= " + first))
          .isEqualTo(n);
      assertThat(count(app, "select count(*) from pgmq.q_orders")).isZero();
    }
  }
}
