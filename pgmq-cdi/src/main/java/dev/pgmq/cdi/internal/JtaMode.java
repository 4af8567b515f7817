package dev.pgmq.cdi.internal;

import dev.pgmq.outbox.consumer.spi.TransactionRunner.Work;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.UserTransaction;
import java.util.function.Supplier;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * JTA transactions through the container's {@code TransactionManager} or {@code UserTransaction}:
 * begin, enlist the context's {@code EntityManager} ({@code joinTransaction}), commit or roll back.
 * Loaded only when the JTA API is on the class path.
 */
final class JtaMode implements TransactionMode {

  private final UserTransaction transactions;

  private JtaMode(UserTransaction transactions) {
    this.transactions = transactions;
  }

  /**
   * The container's transactions: a {@code TransactionManager} bean (Narayana CDI), else a {@code
   * UserTransaction} bean (Jakarta EE), else {@code java:comp/UserTransaction} in JNDI; {@code
   * null} when there is none.
   */
  static JtaMode find(BeanManager beanManager) {
    Instance<Object> lookup = beanManager.createInstance();
    Instance<TransactionManager> managers = lookup.select(TransactionManager.class);
    if (managers.isResolvable()) {
      return new JtaMode(new ManagerTransactions(managers.get()));
    }
    Instance<UserTransaction> users = lookup.select(UserTransaction.class);
    if (users.isResolvable()) {
      return new JtaMode(users.get());
    }
    try {
      Object found = new InitialContext().lookup("java:comp/UserTransaction");
      return found instanceof UserTransaction ut ? new JtaMode(ut) : null;
    } catch (NamingException | RuntimeException noJndi) {
      return null;
    }
  }

  @Override
  public <R> R run(Supplier<EntityManager> entityManager, Work<R> work) throws Exception {
    if (transactions.getStatus() != Status.STATUS_NO_TRANSACTION) {
      throw new IllegalStateException(
          "the listener thread is already in a JTA transaction; a listener needs a new one");
    }
    transactions.begin();
    R result;
    try {
      EntityManager em = entityManager.get();
      em.joinTransaction();
      result = work.run(em);
    } catch (Throwable failure) {
      try {
        if (transactions.getStatus() != Status.STATUS_NO_TRANSACTION) {
          transactions.rollback();
        }
      } catch (Exception rollbackFailure) {
        failure.addSuppressed(rollbackFailure);
      }
      throw failure;
    }
    if (transactions.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
      transactions.rollback();
      throw new IllegalStateException("transaction was marked rollback-only by the work");
    }
    transactions.commit();
    return result;
  }

  @Override
  public String describe() {
    return "JTA";
  }

  /** A {@code TransactionManager} seen as a {@code UserTransaction}. */
  private record ManagerTransactions(TransactionManager manager) implements UserTransaction {

    @Override
    public void begin()
        throws jakarta.transaction.NotSupportedException, jakarta.transaction.SystemException {
      manager.begin();
    }

    @Override
    public void commit()
        throws jakarta.transaction.RollbackException,
            jakarta.transaction.HeuristicMixedException,
            jakarta.transaction.HeuristicRollbackException,
            jakarta.transaction.SystemException {
      manager.commit();
    }

    @Override
    public void rollback() throws jakarta.transaction.SystemException {
      manager.rollback();
    }

    @Override
    public void setRollbackOnly() throws jakarta.transaction.SystemException {
      manager.setRollbackOnly();
    }

    @Override
    public int getStatus() throws jakarta.transaction.SystemException {
      return manager.getStatus();
    }

    @Override
    public void setTransactionTimeout(int seconds) throws jakarta.transaction.SystemException {
      manager.setTransactionTimeout(seconds);
    }
  }
}
