package dev.pgmq.spring.misconfigured.queue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.outbox.cdi.PgmqListener;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

/** A listener of a queue that does not exist. */
@SpringBootApplication
public class UnknownQueueApp {

  @Component
  static class Lost {
    @PgmqListener(queue = "nowhere_to_be_found")
    void handle(JsonNode payload) {}
  }
}
