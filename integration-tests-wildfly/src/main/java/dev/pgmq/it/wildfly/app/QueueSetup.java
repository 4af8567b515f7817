package dev.pgmq.it.wildfly.app;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqSchema;
import dev.pgmq.jpa.SchemaMode;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Runs when the application starts, on an empty database too: installs PGMQ and creates the
 * application's queues (all idempotent), in the container's transaction. The listeners may start
 * before this has run: they wait for their queue.
 */
@Singleton
@Startup
public class QueueSetup {

  /** The application's queues. */
  public static final List<String> QUEUES = List.of("orders", "payments", OrderService.AUDIT_QUEUE);

  @PersistenceContext EntityManager em;

  @PostConstruct
  void createQueues() {
    PgmqSchema.ensure(em, SchemaMode.EXTENSION_OR_SQL);
    Pgmq pgmq = Pgmq.using(em);
    QUEUES.forEach(pgmq::createQueue);
  }
}
