package dev.pgmq.it.cdi;

import dev.pgmq.outbox.Outbox;
import dev.pgmq.outbox.consumer.MessageContext;
import dev.pgmq.outbox.listener.PgmqListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The sample application's consumer: records a shipment for every placed order through the injected
 * EntityManager and announces it through the injected Outbox, both in the transaction that
 * acknowledges the message.
 */
@ApplicationScoped
public class ShippingListener {

  @Inject EntityManager em;
  @Inject Outbox outbox;

  @PgmqListener(queue = "orders", concurrency = 2, maxAttempts = 3, backoffInitial = "1s")
  void ship(OrderPlaced event, MessageContext context) {
    em.persist(new Shipment(event.orderId(), event.customer()));
    outbox.publish(new OrderShipped(event.orderId()));
  }
}
