package dev.pgmq.it.wildfly.app;

import dev.pgmq.outbox.listener.PgmqListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Ships every placed order: records a shipment through the injected EntityManager, in the JTA
 * transaction that acknowledges the message, with what its thread sees of {@code java:comp}.
 */
@ApplicationScoped
public class ShippingListener {

  @Inject EntityManager em;

  @PgmqListener(queue = "orders", concurrency = 2, maxAttempts = 3, backoffInitial = "1s")
  void ship(OrderPlaced event) {
    em.persist(
        new Shipment(
            event.orderId(),
            event.customer(),
            Thread.currentThread().getName(),
            ComponentNames.lookUp()));
  }
}
