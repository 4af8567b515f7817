package dev.pgmq.it.cdi;

import dev.pgmq.jpa.Message;
import dev.pgmq.outbox.listener.PgmqListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Records the shipment, writes it to the database, then fails on the first delivery: the shipment
 * must roll back with the failed attempt (the order id is unique, so a shipment left behind would
 * make every retry fail).
 */
@ApplicationScoped
public class FlakyShippingListener {

  @Inject EntityManager em;

  @PgmqListener(queue = "orders", maxAttempts = 3, backoffInitial = "1s", backoffMax = "1s")
  void ship(Message<OrderPlaced> message, OrderPlaced event) {
    em.persist(new Shipment(event.orderId(), event.customer()));
    em.flush();
    if (message.readCt() == 1) {
      throw new IllegalStateException("carrier timeout");
    }
  }
}
