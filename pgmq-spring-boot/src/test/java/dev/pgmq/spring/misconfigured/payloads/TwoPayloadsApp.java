package dev.pgmq.spring.misconfigured.payloads;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.outbox.listener.PgmqListener;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A listener method the consumer cannot call (two payloads). */
@SpringBootApplication
public class TwoPayloadsApp {

  static class Confused {
    @PgmqListener(queue = "orders")
    void handle(JsonNode a, String b) {}
  }

  @Bean
  Confused confused() {
    return new Confused();
  }
}
