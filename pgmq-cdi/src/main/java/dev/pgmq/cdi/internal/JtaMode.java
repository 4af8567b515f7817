package dev.pgmq.cdi.internal;

import dev.pgmq.outbox.consumer.spi.TransactionRunner.Work;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.persistence.EntityManager;
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

  private final Transactions transactions;

  private JtaMode(Transactions transactions) {
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
      return new JtaMode(Transactions.of(managers.get()));
    }
    Instance<UserTransaction> users = lookup.select(UserTransaction.class);
    if (users.isResolvable()) {
      return new JtaMode(Transactions.of(users.get()));
    }
    try {
      Object found = new InitialContext().lookup("java:comp/UserTransaction");
      return found instanceof UserTransaction ut ? new JtaMode(Transactions.of(ut)) : null;
    } catch (NamingException | RuntimeException noJndi) {
      return null;
    }
  }

  @Override
  public <R> R run(Supplier<EntityManager> entityManager, Work<R> work) throws Exception {
    if (transactions.status().get() != jakarta.transaction.Status.STATUS_NO_TRANSACTION) {
      throw new IllegalStateException(
          "the listener thread is already in a JTA transaction; a listener needs a new one");
    }
    transactions.begin().run();
    R result;
    try {
      EntityManager em = entityManager.get();
      em.joinTransaction();
      result = work.run(em);
    } catch (Throwable failure) {
      try {
        if (transactions.status().get() != jakarta.transaction.Status.STATUS_NO_TRANSACTION) {
          transactions.rollback().run();
        }
      } catch (Exception rollbackFailure) {
        failure.addSuppressed(rollbackFailure);
      }
      throw failure;
    }
    if (transactions.status().get() == jakarta.transaction.Status.STATUS_MARKED_ROLLBACK) {
      transactions.rollback().run();
      throw new IllegalStateException("transaction was marked rollback-only by the work");
    }
    transactions.commit().run();
    return result;
  }

  @Override
  public String describe() {
    return "JTA";
  }

  /** What the mode needs of the container's transactions, from either JTA interface. */
  private record Transactions(Action begin, Action commit, Action rollback, Status status) {

    static Transactions of(TransactionManager m) {
      return new Transactions(m::begin, m::commit, m::rollback, m::getStatus);
    }

    static Transactions of(UserTransaction u) {
      return new Transactions(u::begin, u::commit, u::rollback, u::getStatus);
    }
  }

  @FunctionalInterface
  private interface Action {
    void run() throws Exception;
  }

  @FunctionalInterface
  private interface Status {
    int get() throws Exception;
  }
}
