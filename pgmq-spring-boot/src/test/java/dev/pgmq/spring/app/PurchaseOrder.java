package dev.pgmq.spring.app;

import dev.pgmq.outbox.AbstractAggregateRoot;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "purchase_order")
public class PurchaseOrder extends AbstractAggregateRoot {

  @Id private long id;
  private long amountCents;

  protected PurchaseOrder() {}

  static PurchaseOrder place(long id, long amountCents) {
    PurchaseOrder order = new PurchaseOrder();
    order.id = id;
    order.amountCents = amountCents;
    order.registerEvent(new OrderPlaced(id, amountCents));
    return order;
  }
}
