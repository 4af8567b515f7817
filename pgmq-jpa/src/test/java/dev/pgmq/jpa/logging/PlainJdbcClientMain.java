package dev.pgmq.jpa.logging;

import dev.pgmq.jpa.PgmqClient;
import java.time.Duration;
import java.util.Map;

/**
 * Run in a JVM of its own with a logging backend at INFO: starts a URL client, sends and reads one
 * message, closes the client and prints what happened on standard output ({@code read <payload>},
 * or {@code failed <class>: <message>} when the client cannot be created).
 */
public final class PlainJdbcClientMain {

  private PlainJdbcClientMain() {}

  public static void main(String[] args) {
    String url = args[0];
    String queue = args[1];
    PgmqClient client;
    try {
      client = PgmqClient.create(url);
    } catch (RuntimeException e) {
      System.out.println("failed " + e.getClass().getSimpleName() + ": " + e.getMessage());
      return;
    }
    try (client) {
      client.createQueue(queue);
      client.send(queue, Map.of("n", 1));
      client
          .read(queue, Duration.ofSeconds(30))
          .ifPresent(m -> System.out.println("read " + m.message()));
      client.dropQueue(queue);
    }
    System.out.println("done");
  }
}
