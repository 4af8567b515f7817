package dev.pgmq.cdi.internal;

import dev.pgmq.outbox.Outbox;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Map;

/**
 * The {@code @Inject Outbox} bean: {@link Outbox#of(EntityManager)} of the application's {@code
 * EntityManager} bean, taken afresh on every call so that it is the current context's.
 * {@code @Dependent}; added by the extension only.
 */
public class OutboxBean implements Outbox {

  private final ContextualEntityManager entityManager;

  /** Injected by the container. */
  @Inject
  public OutboxBean(Instance<EntityManager> entityManagers, BeanManager beanManager) {
    this.entityManager = new ContextualEntityManager(entityManagers, beanManager);
  }

  @Override
  public void publish(Object event) {
    Outbox.of(entityManager.get()).publish(event);
  }

  @Override
  public void publish(Object event, Map<String, ?> headers) {
    Outbox.of(entityManager.get()).publish(event, headers);
  }

  @PreDestroy
  void release() {
    entityManager.release();
  }
}
