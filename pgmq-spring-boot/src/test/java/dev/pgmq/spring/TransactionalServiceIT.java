package dev.pgmq.spring;

import static dev.pgmq.spring.Apps.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgmq.jpa.NoActiveTransactionException;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqClient;
import dev.pgmq.outbox.Outbox;
import dev.pgmq.spring.app.AuditNote;
import dev.pgmq.spring.app.OrderService;
import dev.pgmq.spring.app.TestApp;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The Pgmq and Outbox beans join the caller's @Transactional transaction; PGMQ is installed. */
@PgmqDatabaseTest(installPgmq = false)
class TransactionalServiceIT {

  private static ConfigurableApplicationContext app;
  private static TestDatabase db;

  @BeforeAll
  static void start(TestDatabase database) {
    db = database;
    app = Apps.start(db, TestApp.class, "pgmq.listener.auto-startup=false");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void pgmqIsInstalledAtStartUp() {
    assertThat(count(db, "select count(*) from pg_namespace where nspname = 'pgmq'")).isEqualTo(1);
  }

  @Test
  void serviceCommitsEntityEventAndSendTogether() {
    app.getBean(OrderService.class).place(1, 500, false);

    assertThat(count(db, "select count(*) from purchase_order where id = 1")).isEqualTo(1);
    assertThat(count(db, "select count(*) from pgmq.q_orders where message->>'orderId' = '1'"))
        .isEqualTo(1);
    assertThat(count(db, "select count(*) from pgmq.q_audit where message->>'order' = '1'"))
        .isEqualTo(1);
    assertThat(count(db, "select count(*) from pgmq.q_audit where message->>'orderId' = '1'"))
        .as("the outbox-published AuditNote")
        .isEqualTo(1);
  }

  @Test
  void failingServiceCommitsNeitherEntityNorEventNorSend() {
    assertThatThrownBy(() -> app.getBean(OrderService.class).place(2, 700, true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("payment declined for order 2");

    assertThat(count(db, "select count(*) from purchase_order where id = 2")).isZero();
    assertThat(count(db, "select count(*) from pgmq.q_orders where message->>'orderId' = '2'"))
        .isZero();
    assertThat(
            count(
                db,
                "select count(*) from pgmq.q_audit where message->>'order' = '2'"
                    + " or message->>'orderId' = '2'"))
        .isZero();
  }

  @Test
  void pgmqAndOutboxBeansFailFastOutsideATransaction() {
    Pgmq pgmq = app.getBean(Pgmq.class);
    Outbox outbox = app.getBean(Outbox.class);
    assertThat(pgmq).isNotInstanceOf(PgmqClient.class);
    assertThatThrownBy(() -> pgmq.send("audit", Map.of("x", 1)))
        .isInstanceOf(NoActiveTransactionException.class);
    assertThatThrownBy(() -> outbox.publish(new AuditNote(3)))
        .isInstanceOf(NoActiveTransactionException.class);
  }

  @Test
  void clientCommitsEachCallOnItsOwn() {
    PgmqClient client = app.getBean(PgmqClient.class);
    long id = client.send("audit", Map.of("client", 1));
    assertThat(count(db, "select count(*) from pgmq.q_audit where msg_id = " + id)).isEqualTo(1);
    assertThat(client.read("audit", Duration.ofSeconds(30), Map.class)).isPresent();
    long[] two =
        client.inTransaction(
            p -> new long[] {p.send("audit", Map.of("tx", 1)), p.send("audit", Map.of("tx", 2))});
    assertThat(
            count(
                db,
                "select count(*) from pgmq.q_audit where msg_id in ("
                    + two[0]
                    + ", "
                    + two[1]
                    + ")"))
        .isEqualTo(2);
  }
}
