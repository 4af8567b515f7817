package dev.pgmq.spring.app;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

@Entity
public class Shipment {

  @Id private long orderId;
  private int attempt;

  protected Shipment() {}

  Shipment(long orderId, int attempt) {
    this.orderId = orderId;
    this.attempt = attempt;
  }
}
