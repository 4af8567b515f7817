package dev.pgmq.cdi.internal;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqConfig;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.persistence.EntityManager;

/**
 * Creates the {@code @Inject Pgmq} bean: {@link Pgmq#using(EntityManager, PgmqConfig)} over the
 * application's {@code EntityManager} bean, so every call joins the transaction of the current
 * context. {@code @Dependent}, like an injected {@code EntityManager}.
 */
final class PgmqBeans {

  private PgmqBeans() {}

  /**
   * Operations over {@link ContextualEntityManager#shared}: a {@code @Dependent} EntityManager
   * obtained from {@code lookup} is destroyed (its disposer closes it) with the {@code Pgmq}.
   */
  static Pgmq create(Instance<Object> lookup) {
    EntityManager entityManager =
        ContextualEntityManager.shared(
            lookup.select(EntityManager.class), lookup.select(BeanManager.class).get());
    return Pgmq.using(entityManager, Configs.of(lookup.select(PgmqConfig.class)));
  }
}
