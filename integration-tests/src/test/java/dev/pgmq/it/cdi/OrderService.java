package dev.pgmq.it.cdi;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The sample application's service, on JTA: {@code @Transactional} methods whose entity changes,
 * outbox events and PGMQ messages commit together, or not at all.
 */
@ApplicationScoped
public class OrderService {

  @Inject EntityManager em;
  @Inject Outbox outbox;
  @Inject Pgmq pgmq;

  /** Places an order; returns its id. */
  @Transactional
  public long placeOrder(String customer) {
    return Orders.place(em, outbox, pgmq, customer);
  }

  /** Places an order, then fails: the transaction rolls back. */
  @Transactional
  public long placeOrderThenFail(String customer) {
    Orders.place(em, outbox, pgmq, customer);
    throw new IllegalStateException("payment provider unavailable");
  }
}
