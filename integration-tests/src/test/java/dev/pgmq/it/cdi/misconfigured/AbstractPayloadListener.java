package dev.pgmq.it.cdi.misconfigured;

import dev.pgmq.outbox.listener.PgmqListener;
import jakarta.enterprise.context.ApplicationScoped;

/** Takes a payload JSON cannot be read into: an interface. */
@ApplicationScoped
public class AbstractPayloadListener {

  @PgmqListener(queue = "orders")
  void ship(Runnable event) {}
}
