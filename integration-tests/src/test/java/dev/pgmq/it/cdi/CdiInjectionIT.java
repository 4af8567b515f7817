package dev.pgmq.it.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgmq.cdi.internal.OutboxBean;
import dev.pgmq.jpa.NoActiveTransactionException;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqClient;
import dev.pgmq.outbox.Outbox;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.util.Map;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the extension makes injectable, on Weld SE. */
@PgmqDatabaseTest
class CdiInjectionIT {

  private final TestDatabase db;

  CdiInjectionIT(TestDatabase db) {
    this.db = db;
  }

  @BeforeEach
  void empty() {
    CdiApp.freshSchema(db);
  }

  @Test
  void pgmqOutboxAndClientAreInjected() {
    try (WeldContainer container = CdiApp.start(db, LocalPersistence.class, InjectionProbe.class)) {
      InjectionProbe probe = container.select(InjectionProbe.class).get();

      assertThat(probe.pgmq()).isInstanceOf(Pgmq.class);
      assertThat(probe.outbox()).isInstanceOf(Outbox.class);
      long id = probe.client().send("audit", Map.of("by", "client"));

      assertThat(id).isPositive();
      assertThat(CdiApp.messages(db, "audit")).isEqualTo(1);
      assertThat(probe.client().metrics("audit").queueLength()).isEqualTo(1);
    }
  }

  @Test
  void injectedPgmqJoinsTheTransactionOfTheRequestsEntityManager() {
    try (WeldContainer container = CdiApp.start(db, LocalPersistence.class, InjectionProbe.class)) {
      long seenInside = container.select(InjectionProbe.class).get().sendThenRollBack("audit");

      assertThat(seenInside).isEqualTo(1);
      assertThat(CdiApp.messages(db, "audit")).isZero();
    }
  }

  @Test
  void injectedPgmqAndOutboxOutsideATransactionFailFast() {
    try (WeldContainer container = CdiApp.start(db, LocalPersistence.class, InjectionProbe.class)) {
      InjectionProbe probe = container.select(InjectionProbe.class).get();

      assertThatThrownBy(() -> probe.sendWithoutTransaction("audit"))
          .isInstanceOf(NoActiveTransactionException.class);
      assertThatThrownBy(probe::publishWithoutTransaction)
          .isInstanceOf(NoActiveTransactionException.class);
      assertThat(CdiApp.messages(db, "audit")).isZero();
      assertThat(CdiApp.messages(db, "payments")).isZero();
    }
  }

  @Test
  void libraryBeansFoundByDiscoveryAreNotAddedTwice() {
    // as in a server that scans the library's jar as an implicit bean archive
    try (WeldContainer container =
        CdiApp.start(db, LocalPersistence.class, InjectionProbe.class, OutboxBean.class)) {
      assertThat(container.select(Pgmq.class).isResolvable()).isTrue();
      assertThat(container.select(Outbox.class).isResolvable()).isTrue();
      assertThat(container.select(InjectionProbe.class).get().sendThenRollBack("audit"))
          .isEqualTo(1);
    }
  }

  @Test
  void pgmqClientOverAJtaFactoryFailsWithAClearMessage() {
    try (WeldContainer container = CdiApp.start(db, JtaPersistence.class)) {
      PgmqClient client = container.select(PgmqClient.class).get();

      assertThatThrownBy(() -> client.send("audit", Map.of("by", "client")))
          .hasStackTraceContaining(
              "@Inject PgmqClient needs a resource-local EntityManagerFactory");
    }
  }

  @Test
  void injectingPgmqWithoutAnEntityManagerBeanFailsTheDeployment() {
    assertThatThrownBy(() -> CdiApp.start(db, PgmqUser.class).close())
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("PgmqUser.pgmq")
        .hasMessageContaining("needs one EntityManager bean with qualifier @Default, found 0");
  }
}
