package dev.pgmq.it.cdi;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityTransaction;
import java.util.function.ToLongFunction;

/**
 * The same service in Java SE without JTA: a request-scoped EntityManager and its resource-local
 * transaction, which the injected Outbox and Pgmq join.
 */
@ApplicationScoped
public class LocalOrderService {

  @Inject EntityManager em;
  @Inject Outbox outbox;
  @Inject Pgmq pgmq;

  /** Places an order; returns its id. */
  @ActivateRequestContext
  public long placeOrder(String customer) {
    return inTransaction(em -> Orders.place(em, outbox, pgmq, customer));
  }

  /** Places an order, then fails: the transaction rolls back. */
  @ActivateRequestContext
  public long placeOrderThenFail(String customer) {
    return inTransaction(
        em -> {
          Orders.place(em, outbox, pgmq, customer);
          throw new IllegalStateException("payment provider unavailable");
        });
  }

  private long inTransaction(ToLongFunction<EntityManager> work) {
    EntityTransaction tx = em.getTransaction();
    tx.begin();
    try {
      long result = work.applyAsLong(em);
      tx.commit();
      return result;
    } catch (RuntimeException e) {
      if (tx.isActive()) {
        tx.rollback();
      }
      throw e;
    }
  }
}
