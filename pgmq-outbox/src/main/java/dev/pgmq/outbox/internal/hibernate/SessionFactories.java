package dev.pgmq.outbox.internal.hibernate;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SessionImplementor;

/**
 * Hibernate's session factory behind an {@code EntityManagerFactory}, reached through one of its
 * EntityManagers: a CDI client proxy of the factory answers {@code unwrap(...)} with itself, while
 * its EntityManagers are Hibernate's sessions.
 */
public final class SessionFactories {

  private SessionFactories() {}

  /**
   * The session factory of {@code factory}.
   *
   * @throws jakarta.persistence.PersistenceException when the provider is not Hibernate
   */
  public static SessionFactoryImplementor of(EntityManagerFactory factory) {
    if (factory instanceof SessionFactoryImplementor hibernate) {
      return hibernate;
    }
    EntityManager em = factory.createEntityManager();
    try {
      return em.unwrap(SessionImplementor.class).getFactory();
    } finally {
      em.close();
    }
  }
}
