package dev.pgmq.it.cdi;

import dev.pgmq.outbox.listener.PgmqListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Listens to a queue that does not exist when the application starts. */
@ApplicationScoped
public class LateQueueListener {

  /** The threads that handled a message, in order. */
  static final List<Thread> HANDLED_ON = new CopyOnWriteArrayList<>();

  @PgmqListener(queue = "late_orders", maxPoll = "1s", shutdownTimeout = "2s")
  void ship(OrderPlaced event) {
    HANDLED_ON.add(Thread.currentThread());
  }
}
