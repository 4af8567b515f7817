package dev.pgmq.it.cdi;

import dev.pgmq.outbox.OutboxSettings;
import dev.pgmq.outbox.consumer.spi.ConsumerListener;
import dev.pgmq.outbox.opentelemetry.PgmqOpenTelemetry;
import dev.pgmq.test.TestDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

/**
 * Resource-local persistence traced with OpenTelemetry: the outbox's trace-context provider and the
 * listeners' ConsumerListener bean are one {@link PgmqOpenTelemetry}, set by the test.
 */
@ApplicationScoped
public class TracedPersistence {

  /** The tracing the application uses; set before the container starts. */
  static volatile PgmqOpenTelemetry tracing;

  @Produces
  @ApplicationScoped
  EntityManagerFactory factory(TestDatabase db) {
    return CdiApp.open(
        CdiApp.localUnit("cdi-traced", db).property(OutboxSettings.TRACE_CONTEXT, tracing));
  }

  void close(@Disposes EntityManagerFactory factory) {
    CdiApp.close(factory);
  }

  @Produces
  @RequestScoped
  EntityManager entityManager(EntityManagerFactory factory) {
    return factory.createEntityManager();
  }

  void close(@Disposes EntityManager em) {
    em.close();
  }

  @Produces
  ConsumerListener tracingListener() {
    return tracing;
  }
}
