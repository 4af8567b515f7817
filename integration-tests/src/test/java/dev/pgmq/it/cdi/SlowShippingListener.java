package dev.pgmq.it.cdi;

import dev.pgmq.outbox.consumer.MessageContext;
import dev.pgmq.outbox.listener.PgmqListener;
import jakarta.enterprise.context.ApplicationScoped;

/** Takes 100 ms per message, so that shutdown finds handlers running and messages waiting. */
@ApplicationScoped
public class SlowShippingListener {

  @PgmqListener(
      queue = "orders",
      concurrency = 2,
      batchSize = 5,
      maxPoll = "1s",
      shutdownTimeout = "10s")
  void ship(OrderPlaced event, MessageContext context) throws InterruptedException {
    Thread.sleep(100);
    context.entityManager().persist(new Shipment(event.orderId(), event.customer()));
  }
}
