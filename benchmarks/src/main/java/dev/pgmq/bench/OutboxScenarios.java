package dev.pgmq.bench;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox: a JPA transaction persisting one entity that raises 1 or 10 events, against the same
 * JPA transaction without events, and against the best raw SQL for the same work (entity insert +
 * one static insert of the enveloped events into the queue table, one transaction).
 */
final class OutboxScenarios {

  private final EntityManagerFactory emf;
  private final RawJdbc raw;
  private final PairedRun run;
  private final int ops;
  private final AtomicLong ids;

  OutboxScenarios(EntityManagerFactory emf, RawJdbc raw, PairedRun run, int ops, AtomicLong ids) {
    this.emf = emf;
    this.raw = raw;
    this.run = run;
    this.ops = ops;
    this.ids = ids;
  }

  List<Comparison> all() throws Exception {
    // every path runs a few thousand transactions first, so that the JIT has compiled the outbox,
    // Jackson and Hibernate paths before any is measured (the paired warm-up rounds are too short)
    for (int w = 0; w < 4; w++) {
      persistOrders(0);
      persistOrders(1);
      persistOrders(10);
      rawOrders(1);
      rawOrders(10);
    }
    List<Comparison> results = new ArrayList<>();
    results.add(outbox(1, false));
    results.add(outbox(1, true));
    results.add(outbox(10, false));
    results.add(outbox(10, true));
    return results;
  }

  Comparison outbox(int events, boolean againstRaw) throws Exception {
    String suffix = events == 1 ? "" : events + "Events";
    PairedRun.Work library = () -> persistOrders(events);
    if (againstRaw) {
      return run.compare(
          "outbox" + suffix + "VsRawSql",
          "JPA persist + "
              + events
              + " outbox event(s) per transaction vs raw JDBC: insert of the entity row + one"
              + " static insert of "
              + events
              + " enveloped row(s) into pgmq.q_"
              + BenchEvent.OUTBOX_QUEUE
              + ", one transaction",
          "transactions/s",
          library,
          () -> rawOrders(events));
    }
    return run.compare(
        "outbox" + suffix + "VsPlainJpa",
        "JPA persist + "
            + events
            + " outbox event(s) per transaction vs the same JPA"
            + " transaction without events",
        "transactions/s",
        library,
        () -> persistOrders(0));
  }

  private long persistOrders(int events) {
    int txs = ops / 2;
    EntityManager em = emf.createEntityManager();
    try {
      for (int i = 0; i < txs; i++) {
        em.getTransaction().begin();
        em.persist(BenchOrder.create(ids.incrementAndGet(), events));
        em.getTransaction().commit();
        em.clear();
      }
    } finally {
      em.close();
    }
    return txs;
  }

  private long rawOrders(int events) throws Exception {
    int txs = ops / 2;
    raw.autoCommit(false);
    String[] messages = new String[events];
    String[] headers = new String[events];
    for (int i = 0; i < txs; i++) {
      long id = ids.incrementAndGet();
      raw.insertOrder(id);
      String occurredAt = Instant.now().toString();
      for (int e = 0; e < events; e++) {
        BenchEvent event = new BenchEvent(id, "customer-" + id % 97, 1000 + id % 5000 + e);
        messages[e] = raw.encode(event);
        headers[e] = envelope(id, occurredAt);
      }
      raw.insertQueueRows(BenchEvent.OUTBOX_QUEUE, messages, headers);
      raw.commit();
    }
    raw.autoCommit(true);
    return txs;
  }

  /** The envelope the outbox writes (same keys, same sizes), built by hand. */
  static String envelope(long id, String occurredAt) {
    return "{\"x-event-id\":\""
        + UUID.randomUUID()
        + "\",\"x-event-type\":\"bench.order-placed\",\"x-aggregate-type\":\"BenchOrder\","
        + "\"x-aggregate-id\":\""
        + id
        + "\",\"x-occurred-at\":\""
        + occurredAt
        + "\",\"x-content-type\":\"application/json\",\"x-schema-version\":\"1\","
        + "\"x-pgmq-group\":\"BenchOrder:"
        + id
        + "\"}";
  }
}
