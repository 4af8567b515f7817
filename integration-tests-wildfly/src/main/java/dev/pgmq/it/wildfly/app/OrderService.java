package dev.pgmq.it.wildfly.app;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Map;

/**
 * Places orders in JTA transactions: the order row, its entity event ({@code orders}), the payment
 * request published through the outbox ({@code payments}) and the audit message sent with PGMQ
 * ({@code audit}) commit together, or not at all.
 */
@ApplicationScoped
public class OrderService {

  /** The queue the audit messages go to. */
  public static final String AUDIT_QUEUE = "audit";

  @Inject EntityManager em;
  @Inject Outbox outbox;
  @Inject Pgmq pgmq;

  /** Places an order; returns its id. */
  @Transactional
  public long placeOrder(String customer) {
    return place(customer);
  }

  /** Places an order, then fails: the transaction rolls back. */
  @Transactional
  public long placeOrderThenFail(String customer) {
    place(customer);
    throw new IllegalStateException("payment provider unavailable");
  }

  private long place(String customer) {
    Order order = new Order(customer);
    em.persist(order);
    order.place();
    outbox.publish(new PaymentRequested(order.getId(), customer));
    pgmq.send(AUDIT_QUEUE, Map.of("orderId", order.getId(), "action", "placed"));
    return order.getId();
  }
}
