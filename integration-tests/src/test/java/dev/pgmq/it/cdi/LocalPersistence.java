package dev.pgmq.it.cdi;

import dev.pgmq.jpa.testing.TestPersistenceUnit;
import dev.pgmq.test.TestDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

/** Resource-local persistence in Java SE: one EntityManager per request context. */
@ApplicationScoped
public class LocalPersistence {

  @Produces
  @ApplicationScoped
  EntityManagerFactory factory(TestDatabase db) {
    EntityManagerFactory factory =
        new TestPersistenceUnit("cdi-local")
            .managedClasses(Order.class, Shipment.class)
            .jdbcUrl(db.jdbcUrl())
            .jdbcCredentials(db.user(), db.password())
            .jdbcPoolSize(6)
            .createEntityManagerFactory();
    CdiApp.OPEN_FACTORIES.add(factory);
    return factory;
  }

  void close(@Disposes EntityManagerFactory factory) {
    CdiApp.OPEN_FACTORIES.remove(factory);
    factory.close();
  }

  @Produces
  @RequestScoped
  EntityManager entityManager(EntityManagerFactory factory) {
    return factory.createEntityManager();
  }

  void close(@Disposes EntityManager em) {
    em.close();
  }
}
