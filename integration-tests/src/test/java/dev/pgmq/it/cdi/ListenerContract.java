package dev.pgmq.it.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code @PgmqListener} beans on Weld SE, written once and run per transaction setup: JTA
 * (Narayana) and resource-local.
 */
@PgmqDatabaseTest
abstract class ListenerContract {

  final TestDatabase db;

  ListenerContract(TestDatabase db) {
    this.db = db;
  }

  /** The persistence producer and order service of the setup. */
  abstract Class<?>[] application();

  /** Places an order through the setup's service. */
  abstract long placeOrder(WeldContainer container, String customer);

  @BeforeEach
  void empty() {
    CdiApp.freshSchema(db);
  }

  WeldContainer start(Class<?> listener) {
    List<Class<?>> beans = new ArrayList<>(List.of(application()));
    beans.add(listener);
    return CdiApp.start(db, beans.toArray(Class<?>[]::new));
  }

  @Test
  void listenerReceivesTheTypedEventAndItsEffectCommitsWithTheAck() {
    try (WeldContainer container = start(ShippingListener.class)) {
      List<Long> orders = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        orders.add(placeOrder(container, "customer-" + i));
      }

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(CdiApp.longs(db, "select order_id from shipment"))
                    .containsExactlyInAnyOrderElementsOf(orders);
                assertThat(CdiApp.messages(db, "orders")).isZero();
              });
      assertThat(CdiApp.longs(db, "select (message->>'orderId')::bigint from pgmq.q_shipments"))
          .as("the listener's outbox events committed with the acknowledgements")
          .containsExactlyInAnyOrderElementsOf(orders);
      assertThat(CdiApp.messages(db, "orders_dlq")).isZero();
    }
  }

  @Test
  void failedAttemptRollsBackTheListenersEffectAndTheRetryCommitsItOnce() {
    try (WeldContainer container = start(FlakyShippingListener.class)) {
      long order = placeOrder(container, "grace");

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(CdiApp.longs(db, "select order_id from shipment"))
                    .containsExactly(order);
                assertThat(CdiApp.messages(db, "orders")).isZero();
              });
      assertThat(CdiApp.messages(db, "orders_dlq")).isZero();
    }
  }

  @Test
  void containerShutdownStopsListenersWithNothingLost() {
    List<Long> orders = new ArrayList<>();
    try (WeldContainer producer = CdiApp.start(db, application())) {
      for (int i = 0; i < 30; i++) {
        orders.add(placeOrder(producer, "customer-" + i));
      }
    }
    WeldContainer container = start(SlowShippingListener.class);
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> CdiApp.count(db, "shipment") >= 3);
    } finally {
      long closeStarted = System.nanoTime();
      container.close();
      assertThat(Duration.ofNanos(System.nanoTime() - closeStarted))
          .isLessThan(Duration.ofSeconds(10));
    }
    assertThat(consumerThreadsAlive()).isEmpty();

    List<Long> shipped = CdiApp.longs(db, "select order_id from shipment");
    List<Long> waiting =
        CdiApp.longs(db, "select (message->>'orderId')::bigint from pgmq.q_orders");
    assertThat(shipped).doesNotHaveDuplicates().doesNotContainAnyElementsOf(waiting);
    List<Long> accounted = new ArrayList<>(shipped);
    accounted.addAll(waiting);
    assertThat(accounted).containsExactlyInAnyOrderElementsOf(orders);
    assertThat(waiting).as("shutdown leaves unhandled orders to a later start").isNotEmpty();
    assertThat(
            CdiApp.single(
                db, "select count(*) from pgmq.q_orders where vt > now() + interval '1s'"))
        .as("messages read but not handled are visible again")
        .isZero();

    try (WeldContainer restarted = start(SlowShippingListener.class)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                assertThat(CdiApp.longs(db, "select order_id from shipment"))
                    .containsExactlyInAnyOrderElementsOf(orders);
                assertThat(CdiApp.messages(db, "orders")).isZero();
              });
    }
  }

  private static List<String> consumerThreadsAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("pgmq-consumer-") || name.startsWith("pgmq-listen-"))
        .toList();
  }
}
