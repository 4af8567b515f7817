package dev.pgmq.spring.app;

import dev.pgmq.outbox.consumer.MessageContext;
import dev.pgmq.outbox.listener.PgmqListener;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Ships placed orders; the test steers failures and slowness through static switches. */
@Component
public class Shipping {

  /** Orders whose first delivery fails after writing its shipment. */
  public static final Set<Long> FAIL_FIRST = ConcurrentHashMap.newKeySet();

  /** Threads the listener ran on. */
  public static final Set<Thread> THREADS = ConcurrentHashMap.newKeySet();

  /** How long each handling takes. */
  public static volatile long sleepMillis;

  @PersistenceContext private EntityManager em;

  @PgmqListener(
      queue = "orders",
      concurrency = 2,
      batchSize = 5,
      maxPoll = "1s",
      backoffInitial = "1s",
      shutdownTimeout = "20s")
  void ship(OrderPlaced event, MessageContext context) throws InterruptedException {
    THREADS.add(Thread.currentThread());
    em.persist(new Shipment(event.orderId(), context.readCt()));
    if (sleepMillis > 0) {
      Thread.sleep(sleepMillis);
    }
    if (context.readCt() == 1 && FAIL_FIRST.contains(event.orderId())) {
      throw new IllegalStateException("carrier unavailable for order " + event.orderId());
    }
  }
}
