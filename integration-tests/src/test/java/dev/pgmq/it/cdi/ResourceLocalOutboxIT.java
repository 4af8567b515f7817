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
 * The same service in Java SE without JTA (Weld SE, a request-scoped EntityManager and its
 * resource-local transaction): the injected Outbox and Pgmq join that transaction.
 */
@PgmqDatabaseTest
class ResourceLocalOutboxIT {

  private static WeldContainer container;
  private static TestDatabase db;

  @BeforeAll
  static void start(TestDatabase database) {
    db = database;
    CdiApp.freshSchema(db);
    container = CdiApp.start(db, LocalPersistence.class, LocalOrderService.class);
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
  void resourceLocalServiceCommitsOrderAndEveryMessageTogether() {
    long id = container.select(LocalOrderService.class).get().placeOrder("ada");

    assertThat(CdiApp.longs(db, "select id from shop_order where status = 'PLACED'"))
        .containsExactly(id);
    assertThat(CdiApp.messages(db, "orders")).isEqualTo(1);
    assertThat(CdiApp.messages(db, "payments")).isEqualTo(1);
    assertThat(CdiApp.messages(db, "audit")).isEqualTo(1);
  }

  @Test
  void resourceLocalServiceThatThrowsCommitsNeitherOrderNorMessages() {
    LocalOrderService service = container.select(LocalOrderService.class).get();

    assertThatThrownBy(() -> service.placeOrderThenFail("bob"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("payment provider unavailable");

    assertThat(CdiApp.count(db, "shop_order")).isZero();
    assertThat(CdiApp.messages(db, "orders")).isZero();
    assertThat(CdiApp.messages(db, "payments")).isZero();
    assertThat(CdiApp.messages(db, "audit")).isZero();
  }
}
