package dev.pgmq.spring.app;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.outbox.Outbox;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Places orders: the entity, its event (outbox) and an audit message, in one transaction. */
@Service
public class OrderService {

  @PersistenceContext private EntityManager em;
  private final Pgmq pgmq;
  private final Outbox outbox;

  public OrderService(Pgmq pgmq, Outbox outbox) {
    this.pgmq = pgmq;
    this.outbox = outbox;
  }

  @Transactional
  public void place(long id, long amountCents, boolean failAfterWriting) {
    em.persist(PurchaseOrder.place(id, amountCents));
    pgmq.send("audit", Map.of("order", id));
    outbox.publish(new AuditNote(id));
    if (failAfterWriting) {
      throw new IllegalStateException("payment declined for order " + id);
    }
  }
}
