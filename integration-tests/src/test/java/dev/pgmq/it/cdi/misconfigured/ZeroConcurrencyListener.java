package dev.pgmq.it.cdi.misconfigured;

import dev.pgmq.it.cdi.OrderPlaced;
import dev.pgmq.outbox.listener.PgmqListener;
import jakarta.enterprise.context.ApplicationScoped;

/** Asks for no worker at all. */
@ApplicationScoped
public class ZeroConcurrencyListener {

  @PgmqListener(queue = "orders", concurrency = 0)
  void ship(OrderPlaced event) {}
}
