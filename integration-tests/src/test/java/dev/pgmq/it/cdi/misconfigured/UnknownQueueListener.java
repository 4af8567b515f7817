package dev.pgmq.it.cdi.misconfigured;

import dev.pgmq.it.cdi.OrderPlaced;
import dev.pgmq.outbox.cdi.PgmqListener;
import jakarta.enterprise.context.ApplicationScoped;

/** Listens to a queue that does not exist. */
@ApplicationScoped
public class UnknownQueueListener {

  @PgmqListener(queue = "no_such_queue")
  void ship(OrderPlaced event) {}
}
