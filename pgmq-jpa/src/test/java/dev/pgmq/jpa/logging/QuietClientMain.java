package dev.pgmq.jpa.logging;

import dev.pgmq.jpa.PgmqClient;
import dev.pgmq.jpa.PgmqException;
import dev.pgmq.jpa.SendOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Run in a JVM of its own with a logging backend at INFO: starts a URL client, marks the log, then
 * provokes failures the library translates (missing queue, NUL in text, {@code Instant.MAX}),
 * printing each typed exception's class on standard output ({@code typed <class>}).
 */
public final class QuietClientMain {

  private QuietClientMain() {}

  public static void main(String[] args) {
    String url = args[0];
    String queue = args[1];
    try (PgmqClient client = PgmqClient.create(url)) {
      client.createQueue(queue);
      System.out.println("started");
      System.out.flush();
      System.err.println("--- translated failures ---");
      System.err.flush();
      attempt(() -> client.send(queue + "_missing", Map.of("n", 1)));
      attempt(() -> client.send(queue, Map.of("text", "a\u0000b")));
      attempt(() -> client.send(queue, Map.of("n", 1), SendOptions.at(Instant.MAX)));
      attempt(() -> client.read(queue + "_missing", Duration.ofSeconds(1)));
      client.dropQueue(queue);
    }
    System.out.println("done");
  }

  private static void attempt(Runnable call) {
    try {
      call.run();
      System.out.println("no failure");
    } catch (PgmqException e) {
      System.out.println("typed " + e.getClass().getSimpleName());
    }
  }
}
