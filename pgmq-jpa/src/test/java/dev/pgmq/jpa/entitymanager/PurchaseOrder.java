package dev.pgmq.jpa.entitymanager;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An application entity written in the same transaction as PGMQ sends. */
@Entity
@Table(name = "purchase_order")
public class PurchaseOrder {

  @Id private Long id;
  private String item;

  protected PurchaseOrder() {}

  public PurchaseOrder(long id, String item) {
    this.id = id;
    this.item = item;
  }

  public Long getId() {
    return id;
  }

  public String getItem() {
    return item;
  }

  public void setItem(String item) {
    this.item = item;
  }
}
