package dev.pgmq.it.cdi.misconfigured;

import dev.pgmq.it.cdi.OrderPlaced;
import dev.pgmq.outbox.listener.PgmqListener;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes its visibility timeout in words. */
@ApplicationScoped
public class UnreadableDurationListener {

  @PgmqListener(queue = "orders", vt = "ten seconds")
  void ship(OrderPlaced event) {}
}
