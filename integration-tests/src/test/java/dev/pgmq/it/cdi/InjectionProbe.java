package dev.pgmq.it.cdi;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqClient;
import dev.pgmq.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Map;

/** A bean that injects everything the extension offers. */
@ApplicationScoped
public class InjectionProbe {

  @Inject Pgmq pgmq;
  @Inject Outbox outbox;
  @Inject PgmqClient client;
  @Inject EntityManager em;

  public Pgmq pgmq() {
    return pgmq;
  }

  public Outbox outbox() {
    return outbox;
  }

  public PgmqClient client() {
    return client;
  }

  /** Sends with the injected Pgmq while the request's EntityManager has no transaction. */
  @ActivateRequestContext
  public long sendWithoutTransaction(String queue) {
    return pgmq.send(queue, Map.of("probe", true));
  }

  /** Publishes with the injected Outbox while the request's EntityManager has no transaction. */
  @ActivateRequestContext
  public void publishWithoutTransaction() {
    outbox.publish(new PaymentRequested(1L, "nobody"));
  }

  /**
   * Sends with the injected Pgmq inside the request's transaction, reads the queue length in that
   * transaction, then rolls back.
   */
  @ActivateRequestContext
  public long sendThenRollBack(String queue) {
    em.getTransaction().begin();
    try {
      pgmq.send(queue, Map.of("probe", true));
      return pgmq.metrics(queue).queueLength();
    } finally {
      em.getTransaction().rollback();
    }
  }
}
