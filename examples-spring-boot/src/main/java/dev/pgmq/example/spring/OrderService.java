package dev.pgmq.example.spring;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places orders. The order row and its {@link OrderPlaced} message commit in the one transaction of
 * {@link #place}: both or neither.
 */
@Service
public class OrderService {

  @PersistenceContext private EntityManager em;

  /**
   * Places an order; an amount of 0 or less is refused after the order was written, so nothing of
   * it is committed.
   */
  @Transactional
  public void place(long id, String customer, long amountCents) {
    em.persist(PurchaseOrder.place(id, customer, amountCents));
    if (amountCents <= 0) {
      throw new IllegalArgumentException("order " + id + ": amount must be > 0");
    }
  }
}
