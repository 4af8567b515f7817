package dev.pgmq.outbox.consumer.internal;

import dev.pgmq.outbox.consumer.spi.TransactionRunner;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One new EntityManager and resource-local transaction per unit of work. */
public final class ResourceLocalTransactionRunner implements TransactionRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ResourceLocalTransactionRunner.class);

  private final EntityManagerFactory entityManagerFactory;

  /** On {@code entityManagerFactory}, which must allow resource-local transactions. */
  public ResourceLocalTransactionRunner(EntityManagerFactory entityManagerFactory) {
    this.entityManagerFactory =
        Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
  }

  @Override
  public <R> R inTransaction(Work<R> work) throws Exception {
    try (EntityManager em = entityManagerFactory.createEntityManager()) {
      return inTransaction(em, work);
    }
  }

  /**
   * Runs {@code work} in a new resource-local transaction of {@code em}: commits when it returns,
   * rolls back when it throws or marks the transaction rollback-only. Does not close {@code em}.
   */
  public static <R> R inTransaction(EntityManager em, Work<R> work) throws Exception {
    EntityTransaction tx = em.getTransaction();
    tx.begin();
    R result;
    try {
      result = work.run(em);
    } catch (Throwable failure) {
      rollbackQuietly(tx, failure);
      throw failure;
    }
    if (tx.getRollbackOnly()) {
      tx.rollback();
      throw new IllegalStateException("transaction was marked rollback-only by the work");
    }
    tx.commit();
    return result;
  }

  private static void rollbackQuietly(EntityTransaction tx, Throwable failure) {
    try {
      if (tx.isActive()) {
        tx.rollback();
      }
    } catch (RuntimeException rollbackFailure) {
      failure.addSuppressed(rollbackFailure);
      LOG.debug("rollback failed", rollbackFailure);
    }
  }
}
