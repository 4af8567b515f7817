package dev.pgmq.it.reliability;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What a consumer's handler writes in the transaction that acknowledges a message. Deliberately
 * without a unique key on {@code orderId}: a duplicate effect must be countable, not prevented.
 */
@Entity(name = "OrderEffect")
@Table(name = "order_effect")
public class OrderEffect {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "order_id")
  private long orderId;

  @Column(name = "msg_id")
  private long msgId;

  private String consumer;

  protected OrderEffect() {}

  public OrderEffect(long orderId, long msgId, String consumer) {
    this.orderId = orderId;
    this.msgId = msgId;
    this.consumer = consumer;
  }
}
