package dev.pgmq.it.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqSchema;
import dev.pgmq.jpa.SchemaMode;
import dev.pgmq.jpa.SendOptions;
import dev.pgmq.outbox.EnvelopeHeaders;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * Listeners start when the application is ready: the deployment checks only their signatures and
 * settings, so an application starts on a database without PGMQ or without the listener's queue,
 * and the listener consumes once something (a startup bean, a migration) has created them.
 */
@PgmqDatabaseTest(installPgmq = false)
class ListenerStartIT {

  @Test
  void listenerOfAQueueCreatedAfterStartupConsumesOnceItExists(TestDatabase db) throws Exception {
    LateQueueListener.HANDLED_ON.clear();
    try (WeldContainer app = CdiApp.start(db, LocalPersistence.class, LateQueueListener.class)) {
      try (Connection c = db.connect()) {
        PgmqSchema.ensure(c, SchemaMode.EXTENSION_OR_SQL);
      }
      try (EntityManager em =
          app.select(jakarta.persistence.EntityManagerFactory.class).get().createEntityManager()) {
        em.getTransaction().begin();
        Pgmq pgmq = Pgmq.using(em);
        pgmq.createQueue("late_orders");
        pgmq.send(
            "late_orders",
            new OrderPlaced(7L, "late"),
            SendOptions.of(Map.of(EnvelopeHeaders.EVENT_TYPE, "order.placed")));
        em.getTransaction().commit();
      }

      await().atMost(Duration.ofSeconds(30)).until(() -> !LateQueueListener.HANDLED_ON.isEmpty());
    }
    Thread worker = LateQueueListener.HANDLED_ON.get(0);
    assertThat(worker.getName()).startsWith("pgmq-consumer-late_orders-");
    assertThat(worker.isDaemon())
        .as("no managed thread factory in Weld SE: daemon threads")
        .isTrue();
    assertThat(LateQueueListener.HANDLED_ON).hasSize(1);
  }
}
