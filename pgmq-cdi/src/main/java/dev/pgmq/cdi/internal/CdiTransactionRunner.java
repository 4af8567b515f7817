package dev.pgmq.cdi.internal;

import dev.pgmq.cdi.PgmqCdiException;
import dev.pgmq.outbox.consumer.spi.TransactionRunner;
import dev.pgmq.outbox.spi.PersistenceUnits;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.Objects;

/**
 * The listeners' {@link TransactionRunner}: each unit of work runs in a request context of its own
 * (activated here when the thread has none) on the application's {@code EntityManager} bean, so
 * beans the listener injects see the same {@code EntityManager} and transaction. Thread-safe.
 */
public final class CdiTransactionRunner implements TransactionRunner {

  private final BeanManager beanManager;
  private final TransactionMode mode;

  private CdiTransactionRunner(BeanManager beanManager, TransactionMode mode) {
    this.beanManager = beanManager;
    this.mode = mode;
  }

  /**
   * A runner whose transactions are JTA when the application's {@code EntityManagerFactory} bean
   * says so or, without such a bean, when the container has a JTA transaction manager; else
   * resource-local.
   *
   * @throws PgmqCdiException when the factory is JTA but no transaction manager can be found
   */
  public static CdiTransactionRunner create(BeanManager beanManager) {
    Objects.requireNonNull(beanManager, "beanManager");
    Instance<EntityManagerFactory> factories =
        beanManager.createInstance().select(EntityManagerFactory.class);
    boolean jtaApi = jtaApiPresent();
    if (factories.isResolvable()) {
      if (!PersistenceUnits.usesJta(factories.get())) {
        return new CdiTransactionRunner(beanManager, new ResourceLocalMode());
      }
      TransactionMode jta = jtaApi ? JtaMode.find(beanManager) : null;
      if (jta == null) {
        throw new PgmqCdiException(
            "the EntityManagerFactory bean uses JTA transactions, but there is no"
                + " TransactionManager or UserTransaction bean (nor java:comp/UserTransaction)");
      }
      return new CdiTransactionRunner(beanManager, jta);
    }
    TransactionMode jta = jtaApi ? JtaMode.find(beanManager) : null;
    return new CdiTransactionRunner(beanManager, jta != null ? jta : new ResourceLocalMode());
  }

  /** {@code "JTA"} or {@code "resource-local"}. */
  public String describe() {
    return mode.describe();
  }

  @Override
  public <R> R inTransaction(Work<R> work) throws Exception {
    Instance<Object> lookup = beanManager.createInstance();
    RequestContextController requestContext = lookup.select(RequestContextController.class).get();
    boolean activated = requestContext.activate();
    ContextualEntityManager entityManager =
        new ContextualEntityManager(lookup.select(EntityManager.class), beanManager);
    try {
      return mode.run(entityManager::get, work);
    } finally {
      entityManager.release();
      if (activated) {
        requestContext.deactivate();
      }
      lookup.destroy(requestContext);
    }
  }

  private static boolean jtaApiPresent() {
    try {
      Class.forName(
          "jakarta.transaction.UserTransaction",
          false,
          CdiTransactionRunner.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }
}
