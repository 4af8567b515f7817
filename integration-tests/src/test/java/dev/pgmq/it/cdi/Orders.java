package dev.pgmq.it.cdi;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.outbox.Outbox;
import jakarta.persistence.EntityManager;
import java.util.Map;

/**
 * What placing an order does, whichever the transactions: persists the order (whose event the
 * outbox sends at flush), publishes a payment request through the outbox and writes an audit
 * message with PGMQ directly. All of it in the caller's transaction.
 */
final class Orders {

  static final String AUDIT_QUEUE = "audit";

  private Orders() {}

  static long place(EntityManager em, Outbox outbox, Pgmq pgmq, String customer) {
    Order order = new Order(customer);
    em.persist(order);
    order.place();
    outbox.publish(new PaymentRequested(order.getId(), customer));
    pgmq.send(AUDIT_QUEUE, Map.of("orderId", order.getId(), "action", "placed"));
    return order.getId();
  }
}
