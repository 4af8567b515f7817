package dev.pgmq.it.cdi.misconfigured;

import dev.pgmq.it.cdi.OrderPlaced;
import dev.pgmq.it.cdi.PaymentRequested;
import dev.pgmq.outbox.listener.PgmqListener;
import jakarta.enterprise.context.ApplicationScoped;

/** Takes two payloads. */
@ApplicationScoped
public class TwoPayloadsListener {

  @PgmqListener(queue = "orders")
  void ship(OrderPlaced event, PaymentRequested payment) {}
}
