package dev.pgmq.example;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;

/**
 * The consumer's effect: one shipment per order. Its primary key is the order id, so a second
 * shipment for the same order could never commit.
 */
@Entity
public class Shipment {

  @Id private long orderId;
  private Instant createdAt;

  /** For JPA. */
  protected Shipment() {}

  /** A shipment for {@code orderId}. */
  public Shipment(long orderId) {
    this.orderId = orderId;
    this.createdAt = Instant.now();
  }
}
