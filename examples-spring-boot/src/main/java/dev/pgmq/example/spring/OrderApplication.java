package dev.pgmq.example.spring;

import dev.pgmq.jpa.PgmqClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The order service on Spring Boot. Run it with {@code --demo.orders=N} to place N orders and wait
 * until the listener has shipped them all; without {@code spring.datasource.url} (or {@code
 * PGMQ_JDBC_URL}) it starts an embedded PostgreSQL for the run.
 */
@SpringBootApplication
public class OrderApplication {

  /** Creates the queue before the listeners start (idempotent). */
  @Bean
  InitializingBean ordersQueue(PgmqClient client) {
    return () -> client.createQueue("orders");
  }

  /** Starts the application; see the class comment. */
  public static void main(String[] args) throws IOException {
    List<String> arguments = new ArrayList<>(List.of(args));
    EmbeddedPostgres embedded = null;
    boolean configured =
        arguments.stream().anyMatch(a -> a.startsWith("--spring.datasource.url="))
            || System.getenv("SPRING_DATASOURCE_URL") != null;
    if (!configured) {
      String url = System.getenv("PGMQ_JDBC_URL");
      if (url == null || url.isBlank()) {
        embedded = EmbeddedPostgres.builder().start();
        url = "jdbc:postgresql://localhost:" + embedded.getPort() + "/postgres?user=postgres";
      }
      arguments.add("--spring.datasource.url=" + url);
    }
    try {
      SpringApplication.run(OrderApplication.class, arguments.toArray(String[]::new)).close();
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}
