package dev.pgmq.it.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgmq.jpa.testing.PgmqDatabaseTest;
import dev.pgmq.jpa.testing.TestDatabase;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code @Transactional} service on JTA (Narayana, Weld SE): the order, its entity event, the
 * explicitly published event and a message sent with the injected Pgmq commit together or not at
 * all.
 */
@PgmqDatabaseTest
class JtaTransactionalOutboxIT {

  private static WeldContainer container;
  private static TestDatabase db;

  @BeforeAll
  static void start(TestDatabase database) {
    db = database;
    CdiApp.freshSchema(db);
    container = CdiApp.start(db, JtaPersistence.class, OrderService.class);
  }

  @AfterAll
  static void stop() {
    if (container != null) {
      container.close();
    }
  }

  @BeforeEach
  void empty() {
    CdiApp.freshSchema(db);
  }

  @Test
  void transactionalServiceCommitsOrderAndEveryMessageTogether() {
    long id = container.select(OrderService.class).get().placeOrder("ada");

    assertThat(CdiApp.longs(db, "select id from shop_order where status = 'PLACED'"))
        .containsExactly(id);
    assertThat(CdiApp.messages(db, "orders")).isEqualTo(1);
    assertThat(CdiApp.messages(db, "payments")).isEqualTo(1);
    assertThat(CdiApp.messages(db, "audit")).isEqualTo(1);
    assertThat(CdiApp.single(db, "select (message->>'orderId')::bigint from pgmq.q_orders limit 1"))
        .isEqualTo(id);
  }

  @Test
  void transactionalServiceThatThrowsCommitsNeitherOrderNorMessages() {
    OrderService service = container.select(OrderService.class).get();

    assertThatThrownBy(() -> service.placeOrderThenFail("bob"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("payment provider unavailable");

    assertThat(CdiApp.count(db, "shop_order")).isZero();
    assertThat(CdiApp.messages(db, "orders")).isZero();
    assertThat(CdiApp.messages(db, "payments")).isZero();
    assertThat(CdiApp.messages(db, "audit")).isZero();
  }
}
