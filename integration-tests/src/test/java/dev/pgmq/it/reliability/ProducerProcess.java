package dev.pgmq.it.reliability;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

/**
 * A producer JVM for {@link ProcessKillIT}: one thread opens a transaction, persists an order
 * (whose event is sent at the flush), prints {@code HOLDING <id>} and never commits; another
 * commits orders in a loop, printing {@code COMMITTED <id>} after each commit returned. Killed by
 * the test, never ends by itself.
 *
 * <p>Arguments: JDBC URL, user, password, base order id.
 */
public final class ProducerProcess {

  private ProducerProcess() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args[1];
    String password = args[2];
    long base = Long.parseLong(args[3]);
    EntityManagerFactory emf = Factories.orders(url, user, password, 3);
    Thread holder =
        new Thread(
            () -> {
              EntityManager em = emf.createEntityManager();
              em.getTransaction().begin();
              TrackedOrder order = new TrackedOrder(base, "order-" + base, "held");
              em.persist(order);
              order.place();
              em.flush();
              say("HOLDING " + base);
              sleepForever();
            },
            "holder");
    holder.start();
    for (long i = 1; ; i++) {
      long id = base + i;
      try (EntityManager em = emf.createEntityManager()) {
        em.getTransaction().begin();
        TrackedOrder order = new TrackedOrder(id, "order-" + id, "looping");
        em.persist(order);
        order.place();
        if (i % 2 == 0) {
          em.flush();
        }
        em.getTransaction().commit();
      }
      say("COMMITTED " + id);
    }
  }

  static synchronized void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  static void sleepForever() {
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
