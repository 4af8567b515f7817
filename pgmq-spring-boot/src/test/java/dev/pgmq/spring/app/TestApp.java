package dev.pgmq.spring.app;

import dev.pgmq.jpa.PgmqClient;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** An order service on the starter: its queues are created before the listeners start. */
@SpringBootApplication
public class TestApp {

  @Bean
  InitializingBean queues(PgmqClient client) {
    return () -> {
      client.createQueue("orders");
      client.createQueue("audit");
    };
  }
}
