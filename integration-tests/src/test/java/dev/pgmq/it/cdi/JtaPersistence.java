package dev.pgmq.it.cdi;

import dev.pgmq.jpa.testing.TestPersistenceUnit;
import dev.pgmq.test.TestDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * JTA persistence in Java SE: a JTA persistence unit on Narayana (Hibernate's Narayana platform, a
 * {@link NarayanaDataSource}) and one EntityManager per JTA transaction
 * ({@code @TransactionScoped}, Narayana CDI's context) — what a Jakarta EE server gives a
 * container-managed persistence context.
 */
@ApplicationScoped
public class JtaPersistence {

  @Produces
  @ApplicationScoped
  EntityManagerFactory factory(
      TestDatabase db,
      TransactionManager transactions,
      TransactionSynchronizationRegistry registry) {
    XaEnlistingDataSource dataSource = new XaEnlistingDataSource(db, transactions, registry);
    return CdiApp.open(
        new TestPersistenceUnit("cdi-jta")
            .managedClasses(Order.class, Shipment.class)
            .jta()
            .property(
                "hibernate.transaction.jta.platform",
                "org.hibernate.engine.transaction.jta.platform.internal.NarayanaJtaPlatform")
            .property("jakarta.persistence.jtaDataSource", dataSource));
  }

  void close(@Disposes EntityManagerFactory factory) {
    CdiApp.close(factory);
  }

  @Produces
  @TransactionScoped
  EntityManager entityManager(EntityManagerFactory factory) {
    return factory.createEntityManager();
  }

  void close(@Disposes EntityManager em) {
    em.close();
  }
}
