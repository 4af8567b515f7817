package dev.pgmq.it.wildfly.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Makes the container-managed persistence context a CDI bean, so that PGMQ's {@code Pgmq} and
 * {@code Outbox} beans and the listeners use it. The class needs a bean-defining annotation.
 */
@ApplicationScoped
public class Persistence {

  @Produces @PersistenceContext EntityManager entityManager;
}
