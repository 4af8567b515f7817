package dev.pgmq.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgmq.outbox.fixture.LineAdded;
import dev.pgmq.outbox.fixture.OutboxDatabase;
import dev.pgmq.outbox.fixture.PaymentRequested;
import dev.pgmq.outbox.fixture.PurchaseOrder;
import dev.pgmq.outbox.fixture.QueueRow;
import dev.pgmq.outbox.internal.OutboxRuntime;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@PgmqDatabaseTest
class ConcurrentTransactionsIT {

  private static final int THREADS = 8;
  private static final int TRANSACTIONS = 500;

  @Test
  void concurrentTransactionsWithRandomRollbacksLeaveExactlyTheCommittedEvents(
      TestDatabase database) throws Exception {
    OutboxDatabase db = new OutboxDatabase(database);
    db.freshQueues("orders", "payments");
    EntityManagerFactory emf = db.factory();
    Set<String> committed = ConcurrentHashMap.newKeySet();
    Set<String> committedPayments = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < TRANSACTIONS; i++) {
                    runOne(emf, thread, i, committed, committedPayments);
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    OutboxRuntime runtime =
        ((dev.pgmq.outbox.internal.SessionOutbox) Outbox.of(emf.createEntityManager())).runtime();
    assertThat(runtime.openBuffers()).isZero();
    emf.close();

    List<QueueRow> orders = db.rows("orders");
    List<String> sent =
        orders.stream()
            .map(r -> r.message().get("orderId").asLong() + "/" + r.message().get("line").asInt())
            .toList();
    assertThat(sent).doesNotHaveDuplicates();
    assertThat(Set.copyOf(sent)).isEqualTo(committed);
    assertThat(committed.size()).isBetween(THREADS * TRANSACTIONS / 2, THREADS * TRANSACTIONS * 3);
    assertThat(
            db.rows("payments").stream()
                .map(r -> r.message().get("reference").asText())
                .collect(Collectors.toList()))
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(committedPayments);

    // within each aggregate (FIFO group) the events are in registration order
    Map<String, List<Integer>> byGroup = new HashMap<>();
    for (QueueRow r : orders) {
      byGroup
          .computeIfAbsent(r.header(EnvelopeHeaders.GROUP), g -> new ArrayList<>())
          .add(r.message().get("line").asInt());
    }
    assertThat(byGroup.values()).allSatisfy(lines -> assertThat(lines).isSorted());
  }

  private static void runOne(
      EntityManagerFactory emf,
      int thread,
      int i,
      Set<String> committed,
      Set<String> committedPayments) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    EntityManager em = emf.createEntityManager();
    try {
      em.getTransaction().begin();
      PurchaseOrder order = new PurchaseOrder("t" + thread);
      em.persist(order);
      int lines = 1 + random.nextInt(3);
      List<String> mine = new ArrayList<>();
      for (int line = 1; line <= lines; line++) {
        order.raise(new LineAdded(order.getId(), line));
        mine.add(order.getId() + "/" + line);
        if (random.nextInt(4) == 0) {
          em.flush();
        }
      }
      String payment = null;
      if (random.nextBoolean()) {
        payment = "t" + thread + "-" + i;
        Outbox.of(em).publish(new PaymentRequested(payment, BigDecimal.ONE));
      }
      if (random.nextInt(3) == 0) {
        em.getTransaction().rollback();
      } else {
        em.getTransaction().commit();
        committed.addAll(mine);
        if (payment != null) {
          committedPayments.add(payment);
        }
      }
    } finally {
      em.close();
    }
  }
}
