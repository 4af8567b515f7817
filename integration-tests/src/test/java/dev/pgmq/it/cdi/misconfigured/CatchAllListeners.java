package dev.pgmq.it.cdi.misconfigured;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.outbox.listener.PgmqListener;
import jakarta.enterprise.context.ApplicationScoped;

/** Two methods that both take every message of one queue. */
@ApplicationScoped
public class CatchAllListeners {

  @PgmqListener(queue = "orders")
  void audit(JsonNode event) {}

  @PgmqListener(queue = "orders")
  void archive(JsonNode event) {}
}
