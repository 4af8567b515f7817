package dev.pgmq.example.spring;

import dev.pgmq.outbox.listener.PgmqListener;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.springframework.stereotype.Component;

/**
 * Ships placed orders. Each message is handled in a Spring transaction that also deletes it: the
 * shipment, the order's new status and the acknowledgement commit together.
 */
@Component
public class Shipping {

  @PersistenceContext private EntityManager em;

  @PgmqListener(queue = "orders", concurrency = 4, maxPoll = "1s")
  void ship(OrderPlaced event) {
    em.persist(new Shipment(event));
    em.find(PurchaseOrder.class, event.orderId()).ship();
  }
}
