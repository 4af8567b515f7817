package dev.pgmq.it.cdi;

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
    return CdiApp.open(CdiApp.localUnit("cdi-local", db));
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
}
