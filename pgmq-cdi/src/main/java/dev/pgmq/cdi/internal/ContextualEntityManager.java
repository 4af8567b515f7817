package dev.pgmq.cdi.internal;

import dev.pgmq.cdi.PgmqCdiException;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.spi.Context;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.persistence.EntityManager;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Objects;

/**
 * The application's {@code EntityManager} bean as the instance of the current context. Not its
 * client proxy: a client proxy hands itself out where the instance returns {@code this} (Weld
 * does), so {@code unwrap(Session.class)} on it would not give Hibernate's session. A
 * {@code @Dependent} bean is created once per owner and destroyed (its disposer closes it) by
 * {@link #release()}. Thread-safe.
 */
public final class ContextualEntityManager {

  static final String HOW_TO =
      "make the application's EntityManager a CDI bean, e.g. a producer method"
          + " '@Produces @RequestScoped EntityManager' (resource-local, with a disposer that closes"
          + " it), '@Produces @TransactionScoped EntityManager' (JTA) or '@Produces"
          + " @PersistenceContext EntityManager em;' (Jakarta EE container)";

  private final Instance<EntityManager> instances;
  private final BeanManager beanManager;
  private Instance.Handle<EntityManager> handle;

  /** Resolves from {@code instances} when first asked. */
  public ContextualEntityManager(Instance<EntityManager> instances, BeanManager beanManager) {
    this.instances = Objects.requireNonNull(instances, "instances");
    this.beanManager = Objects.requireNonNull(beanManager, "beanManager");
  }

  /**
   * The {@code EntityManager} of the current context (for a {@code @Dependent} bean, the one
   * created for this owner).
   *
   * @throws PgmqCdiException when the application has no {@code EntityManager} bean, or several
   * @throws jakarta.enterprise.context.ContextNotActiveException when the bean's scope is not
   *     active on this thread (a {@code @TransactionScoped} one outside a transaction)
   */
  public EntityManager get() {
    Instance.Handle<EntityManager> h = handle();
    Bean<EntityManager> bean = h.getBean();
    if (bean.getScope() == Dependent.class) {
      return h.get();
    }
    return current(bean, beanManager);
  }

  /**
   * An {@code EntityManager} for a bean that outlives a context: for a {@code @Dependent} bean its
   * instance (obtained from {@code instances}, so destroyed with their owner), else a view whose
   * every call goes to the instance of the context current at that call. Thread-safe for a
   * normal-scoped bean.
   *
   * @throws PgmqCdiException when the application has no {@code EntityManager} bean, or several
   */
  public static EntityManager shared(Instance<EntityManager> instances, BeanManager beanManager) {
    Bean<EntityManager> bean = checked(instances).getHandle().getBean();
    if (bean.getScope() == Dependent.class) {
      return instances.get();
    }
    return (EntityManager)
        Proxy.newProxyInstance(
            EntityManager.class.getClassLoader(),
            new Class<?>[] {EntityManager.class},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                  case "equals" -> proxy == args[0];
                  case "hashCode" -> System.identityHashCode(proxy);
                  default -> "EntityManager of the current " + bean.getScope().getSimpleName();
                };
              }
              try {
                return method.invoke(current(bean, beanManager), args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private static EntityManager current(Bean<EntityManager> bean, BeanManager beanManager) {
    Context context = beanManager.getContext(bean.getScope());
    EntityManager current = context.get(bean);
    return current != null ? current : context.get(bean, beanManager.createCreationalContext(bean));
  }

  /** Destroys the instance when it was {@code @Dependent} (its disposer closes it). */
  public synchronized void release() {
    if (handle != null && handle.getBean().getScope() == Dependent.class) {
      handle.destroy();
    }
    handle = null;
  }

  private synchronized Instance.Handle<EntityManager> handle() {
    if (handle == null) {
      handle = checked(instances).getHandle();
    }
    return handle;
  }

  private static Instance<EntityManager> checked(Instance<EntityManager> instances) {
    if (instances.isUnsatisfied()) {
      throw new PgmqCdiException("no EntityManager bean with qualifier @Default: " + HOW_TO);
    }
    if (instances.isAmbiguous()) {
      throw new PgmqCdiException(
          "several EntityManager beans with qualifier @Default: keep one, or produce Pgmq and"
              + " Outbox yourself with a qualifier (Pgmq.using(em), Outbox.of(em))");
    }
    return instances;
  }
}
