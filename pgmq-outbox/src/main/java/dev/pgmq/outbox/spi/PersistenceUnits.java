package dev.pgmq.outbox.spi;

import dev.pgmq.outbox.internal.hibernate.SessionFactories;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.resource.transaction.spi.TransactionCoordinatorBuilder;

/**
 * What a container integration (CDI, Spring) needs to know about the application's persistence unit
 * to choose how it demarcates transactions. Stateless and thread-safe; needs no transaction.
 */
public final class PersistenceUnits {

  private PersistenceUnits() {}

  /**
   * Whether {@code factory}'s persistence unit uses JTA transactions rather than resource-local
   * ones. Works on Jakarta Persistence 3.1 (which has no {@code
   * EntityManagerFactory.getTransactionType()}) and on a CDI client proxy of the factory.
   *
   * @throws jakarta.persistence.PersistenceException when the provider is not Hibernate
   */
  public static boolean usesJta(EntityManagerFactory factory) {
    return SessionFactories.of(factory)
        .getServiceRegistry()
        .requireService(TransactionCoordinatorBuilder.class)
        .isJta();
  }
}
