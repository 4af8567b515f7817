package dev.pgmq.it.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.outbox.consumer.AckMode;
import dev.pgmq.outbox.consumer.PgmqConsumer;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;

/**
 * A consumer JVM for {@link ProcessKillIT}: two workers handle {@code {"n": …}} messages by writing
 * an {@link OrderEffect}; the handler of a message with {@code "block": true} writes its effect,
 * flushes it, prints {@code IN_HANDLER <msgId>} and never returns. Killed by the test.
 *
 * <p>Arguments: JDBC URL, user, password, queue, visibility timeout in seconds.
 */
public final class ConsumerProcess {

  private ConsumerProcess() {}

  public static void main(String[] args) {
    String url = args[0];
    String user = args[1];
    String password = args[2];
    String queue = args[3];
    Duration vt = Duration.ofSeconds(Long.parseLong(args[4]));
    EntityManagerFactory emf = Factories.orders(url, user, password, 4);
    PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(queue)
            .handler(
                JsonNode.class,
                (payload, ctx) -> {
                  ctx.entityManager()
                      .persist(new OrderEffect(payload.get("n").asLong(), ctx.msgId(), "child"));
                  if (payload.path("block").asBoolean()) {
                    ctx.entityManager().flush();
                    ProducerProcess.say("IN_HANDLER " + ctx.msgId());
                    ProducerProcess.sleepForever();
                  }
                  Thread.sleep(20);
                  ProducerProcess.say("HANDLING " + ctx.msgId());
                })
            .ackMode(AckMode.ARCHIVE)
            .concurrency(2)
            .batchSize(1)
            .visibilityTimeout(vt)
            .maxPoll(Duration.ofSeconds(1))
            .pollInterval(Duration.ofMillis(50))
            .build();
    consumer.start();
    ProducerProcess.say("STARTED");
    ProducerProcess.sleepForever();
  }
}
