package dev.pgmq.outbox.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.testing.TestPersistenceUnit;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;

/**
 * The worker {@link WorkerCrashIT} kills: consumes {@code queue}, writes the effect of the first
 * message, announces {@code HANDLING <msgId>} on stdout and then hangs until it is killed.
 *
 * <p>Arguments: JDBC URL, user, password, queue.
 */
public final class CrashingWorkerMain {

  private CrashingWorkerMain() {}

  public static void main(String[] args) throws Exception {
    EntityManagerFactory emf =
        new TestPersistenceUnit("crashing-worker")
            .managedClasses(Effect.class)
            .jdbcUrl(args[0])
            .jdbcCredentials(args[1], args[2])
            .jdbcPoolSize(3)
            .createEntityManagerFactory();
    PgmqConsumer consumer =
        PgmqConsumer.builder(emf)
            .queue(args[3])
            .handler(
                JsonNode.class,
                (payload, ctx) -> {
                  ctx.entityManager().persist(new Effect(payload.get("key").asText(), 0));
                  ctx.entityManager().flush(); // the effect is written, not yet committed
                  System.out.println("HANDLING " + ctx.msgId());
                  System.out.flush();
                  Thread.sleep(Long.MAX_VALUE);
                })
            .visibilityTimeout(Duration.ofSeconds(WorkerCrashIT.VT_SECONDS))
            .batchSize(1)
            .maxPoll(Duration.ofSeconds(1))
            .build();
    consumer.start();
    Thread.sleep(Long.MAX_VALUE);
  }
}
