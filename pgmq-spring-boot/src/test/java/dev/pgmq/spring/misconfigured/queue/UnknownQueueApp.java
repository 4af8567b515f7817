package dev.pgmq.spring.misconfigured.queue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.outbox.listener.PgmqListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

/** A listener of a queue that does not exist when the application starts. */
@SpringBootApplication
public class UnknownQueueApp {

  /** Payloads the listener took. */
  public static final List<JsonNode> TAKEN = new CopyOnWriteArrayList<>();

  @Component
  static class Late {
    @PgmqListener(queue = "created_later", maxPoll = "1s")
    void handle(JsonNode payload) {
      TAKEN.add(payload);
    }
  }
}
