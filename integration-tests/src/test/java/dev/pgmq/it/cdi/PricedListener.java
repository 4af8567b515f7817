package dev.pgmq.it.cdi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgmq.jpa.Message;
import dev.pgmq.outbox.listener.PgmqListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what it receives: a typed payload (with its typed message) and a raw JSON message. */
@ApplicationScoped
public class PricedListener {

  /** An order with money in it. */
  public record PricedOrder(String id, BigDecimal total, BigDecimal amount) {}

  static final List<Object> RECEIVED = new CopyOnWriteArrayList<>();

  @PgmqListener(queue = "priced_orders", maxPoll = "1s")
  void priced(PricedOrder order, Message<PricedOrder> message) {
    RECEIVED.add(order);
    RECEIVED.add(message.message());
  }

  @PgmqListener(queue = "priced_raw", maxPoll = "1s")
  void raw(Message<JsonNode> message) {
    RECEIVED.add(message.message());
  }
}
