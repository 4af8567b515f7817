package dev.pgmq.outbox.consumer.spi;

import dev.pgmq.outbox.consumer.internal.ResourceLocalTransactionRunner;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

/**
 * Runs a unit of work in a new transaction with an {@code EntityManager} bound to it. The consumer
 * runs every read, every handler-plus-acknowledgement and every dead-letter move through one. The
 * default, {@link #resourceLocal(EntityManagerFactory)}, opens an {@code EntityManager} per call
 * and drives an {@code EntityTransaction}; a container integration (JTA, CDI) supplies its own.
 *
 * <p><b>Contract.</b> Each call starts a <b>new</b> transaction (never joins one of the calling
 * thread), passes an {@code EntityManager} enlisted in it, commits when the work returns, rolls
 * back when it throws and then rethrows the <b>same</b> exception unchanged (the consumer
 * classifies it), and throws the commit's exception when the commit fails. The {@code
 * EntityManager} is not used after the call returns.
 *
 * <p><b>Threads.</b> Called concurrently from every worker thread: implementations must be
 * thread-safe.
 */
public interface TransactionRunner {

  /** A unit of work on a transactional {@code EntityManager}. */
  @FunctionalInterface
  interface Work<R> {

    /** Does the work; throwing rolls the transaction back. */
    R run(EntityManager entityManager) throws Exception;
  }

  /**
   * Runs {@code work} in a new transaction and returns its result.
   *
   * @throws Exception what {@code work} threw (after rollback), or what the commit threw
   */
  <R> R inTransaction(Work<R> work) throws Exception;

  /**
   * Resource-local transactions on {@code entityManagerFactory}: a new {@code EntityManager} and
   * {@code EntityTransaction} per call. Thread-safe.
   */
  static TransactionRunner resourceLocal(EntityManagerFactory entityManagerFactory) {
    return new ResourceLocalTransactionRunner(entityManagerFactory);
  }

  /**
   * Runs {@code work} in a new resource-local transaction of {@code entityManager}, which the
   * caller owns (it is not closed): commits when the work returns, rolls back when it throws (then
   * rethrows the same exception) or marks the transaction rollback-only. For an integration whose
   * {@code EntityManager} comes from its container (a request-scoped bean, say) rather than from a
   * factory.
   *
   * @throws IllegalStateException when {@code entityManager} already has an active transaction
   * @throws Exception what {@code work} threw (after rollback), or what the commit threw
   */
  static <R> R inResourceLocalTransaction(EntityManager entityManager, Work<R> work)
      throws Exception {
    return ResourceLocalTransactionRunner.inTransaction(entityManager, work);
  }
}
