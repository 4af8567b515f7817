package dev.pgmq.it.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An order service whose order, entity event, explicitly published event and message sent with the
 * injected Pgmq commit together or not at all; run once per transaction setup.
 */
@PgmqDatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OutboxServiceContract {

  private WeldContainer container;
  private TestDatabase db;

  /** The bean classes of the application: its persistence producer and its order service. */
  abstract Class<?>[] application();

  /** Places an order through the service; returns its id. */
  abstract long placeOrder(WeldContainer container, String customer);

  /** Places an order through the service, which then throws. */
  abstract void placeOrderThenFail(WeldContainer container, String customer);

  @BeforeAll
  void start(TestDatabase database) {
    db = database;
    CdiApp.freshSchema(db);
    container = CdiApp.start(db, application());
  }

  @AfterAll
  void stop() {
    if (container != null) {
      container.close();
    }
  }

  @BeforeEach
  void empty() {
    CdiApp.freshSchema(db);
  }

  @Test
  void serviceCommitsOrderAndEveryMessageTogether() {
    long id = placeOrder(container, "ada");

    assertThat(CdiApp.longs(db, "select id from shop_order where status = 'PLACED'"))
        .containsExactly(id);
    assertThat(CdiApp.messages(db, "orders")).isEqualTo(1);
    assertThat(CdiApp.messages(db, "payments")).isEqualTo(1);
    assertThat(CdiApp.messages(db, "audit")).isEqualTo(1);
    assertThat(CdiApp.single(db, "select (message->>'orderId')::bigint from pgmq.q_orders limit 1"))
        .isEqualTo(id);
  }

  @Test
  void serviceThatThrowsCommitsNeitherOrderNorMessages() {
    assertThatThrownBy(() -> placeOrderThenFail(container, "bob"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("payment provider unavailable");

    assertThat(CdiApp.count(db, "shop_order")).isZero();
    assertThat(CdiApp.messages(db, "orders")).isZero();
    assertThat(CdiApp.messages(db, "payments")).isZero();
    assertThat(CdiApp.messages(db, "audit")).isZero();
  }
}
