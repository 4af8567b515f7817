package dev.pgmq.it.cdi.misconfigured;

import dev.pgmq.it.cdi.OrderPlaced;
import dev.pgmq.outbox.listener.PgmqListener;
import jakarta.enterprise.context.ApplicationScoped;

/** Names a queue PGMQ cannot have. */
@ApplicationScoped
public class BadQueueNameListener {

  @PgmqListener(queue = "Bad Queue")
  void ship(OrderPlaced event) {}
}
