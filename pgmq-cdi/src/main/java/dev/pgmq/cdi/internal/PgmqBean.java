package dev.pgmq.cdi.internal;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The {@code @Inject Pgmq} bean: {@link Pgmq#using(EntityManager, PgmqConfig)} over the
 * application's {@code EntityManager} bean, so every call joins the transaction of the current
 * context. {@code @Dependent}, like an injected {@code EntityManager}. Added by the extension only
 * (it carries no bean-defining annotation, so an implicit bean archive does not add it twice).
 */
public class PgmqBean extends ForwardingPgmq {

  private final ContextualEntityManager entityManager;
  private final Instance<PgmqConfig> configs;
  private volatile PgmqConfig config;

  /** Injected by the container. */
  @Inject
  public PgmqBean(
      Instance<EntityManager> entityManagers,
      Instance<PgmqConfig> configs,
      BeanManager beanManager) {
    this.entityManager = new ContextualEntityManager(entityManagers, beanManager);
    this.configs = configs;
  }

  /** Operations on the current context's EntityManager (creating them is cheap). */
  @Override
  protected Pgmq delegate() {
    PgmqConfig c = config;
    if (c == null) {
      c = Configs.of(configs);
      config = c;
    }
    return Pgmq.using(entityManager.get(), c);
  }

  @PreDestroy
  void release() {
    entityManager.release();
  }
}
