package dev.pgmq.bench;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqClient;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The send, consume and outbox comparisons: each library path against its raw JDBC twin. */
final class ThroughputScenarios {

  private static final Duration VT = Duration.ofSeconds(30);

  private final PgmqClient client;
  private final EntityManagerFactory emf;
  private final RawJdbc raw;
  private final PairedRun run;
  private final int ops;
  private final AtomicLong ids = new AtomicLong();

  ThroughputScenarios(
      PgmqClient client, EntityManagerFactory emf, RawJdbc raw, PairedRun run, int ops) {
    this.client = client;
    this.emf = emf;
    this.raw = raw;
    this.run = run;
    this.ops = ops;
  }

  List<Comparison> all(java.util.Set<String> groups) throws Exception {
    List<Comparison> results = new ArrayList<>();
    if (groups.contains("send")) {
      results.add(sendPerTransaction());
      results.add(sendInCallerTransaction());
      results.add(sendBatch100());
    }
    if (groups.contains("consume")) {
      results.add(consumeBatch100());
    }
    if (groups.contains("outbox")) {
      results.addAll(new OutboxScenarios(emf, raw, run, ops, ids).all());
    }
    return results;
  }

  private BenchEvent event() {
    long id = ids.incrementAndGet();
    return new BenchEvent(id, "customer-" + id % 97, 1000 + id % 5000);
  }

  Comparison sendPerTransaction() throws Exception {
    String q = queue("b_send_tx");
    return run.compare(
        "sendPerTransaction",
        "PgmqClient.send, one message per transaction vs raw send in auto-commit (the record"
            + " encoded with Jackson)",
        "messages/s",
        () -> {
          for (int i = 0; i < ops; i++) {
            client.send(q, event());
          }
          return ops;
        },
        () -> {
          raw.autoCommit(true);
          for (int i = 0; i < ops; i++) {
            raw.send(q, raw.encode(event()));
          }
          return ops;
        });
  }

  Comparison sendInCallerTransaction() throws Exception {
    String q = queue("b_send_caller");
    int perTx = 10;
    return run.compare(
        "sendInCallerTransaction",
        "Pgmq.using(em).send, 10 per caller transaction vs raw, 10 per transaction (records"
            + " encoded with Jackson)",
        "messages/s",
        () -> {
          EntityManager em = emf.createEntityManager();
          try {
            for (int i = 0; i < ops; i += perTx) {
              em.getTransaction().begin();
              Pgmq pgmq = Pgmq.using(em);
              for (int j = 0; j < perTx; j++) {
                pgmq.send(q, event());
              }
              em.getTransaction().commit();
            }
          } finally {
            em.close();
          }
          return ops;
        },
        () -> {
          raw.autoCommit(false);
          for (int i = 0; i < ops; i += perTx) {
            for (int j = 0; j < perTx; j++) {
              raw.send(q, raw.encode(event()));
            }
            raw.commit();
          }
          raw.autoCommit(true);
          return ops;
        });
  }

  Comparison sendBatch100() throws Exception {
    String q = queue("b_send_batch");
    int batches = Math.max(1, ops / 50);
    return run.compare(
        "sendBatch100",
        "PgmqClient.sendBatch of 100 vs raw send_batch of 100 (auto-commit; records encoded"
            + " with Jackson)",
        "messages/s",
        () -> {
          for (int b = 0; b < batches; b++) {
            client.sendBatch(q, events(100));
          }
          return batches * 100L;
        },
        () -> {
          for (int b = 0; b < batches; b++) {
            raw.sendBatch(q, raw.encode(events(100)));
          }
          return batches * 100L;
        });
  }

  Comparison consumeBatch100() throws Exception {
    String q = queue("b_consume");
    int batches = Math.max(1, ops / 50);
    return run.compare(
        "consumeBatch100",
        "PgmqClient readBatch(100, BenchEvent.class) + deleteBatch vs raw read(100) decoding"
            + " each payload with Jackson into the same record + delete(bigint[]);"
            + " queue refilled outside the timing",
        "messages/s",
        timedAfter(
            () -> fill(q, batches),
            () -> {
              long n = 0;
              for (int b = 0; b < batches; b++) {
                List<Long> got =
                    client.readBatch(q, VT, 100, BenchEvent.class).stream()
                        .map(m -> m.msgId())
                        .toList();
                n += client.deleteBatch(q, got).size();
              }
              return n;
            }),
        timedAfter(
            () -> fill(q, batches),
            () -> {
              long n = 0;
              for (int b = 0; b < batches; b++) {
                List<BenchEvent> decoded = new ArrayList<>(100);
                n += raw.deleteBatch(q, raw.readDecoded(q, 100, BenchEvent.class, decoded));
              }
              return n;
            }));
  }

  private long fill(String q, int batches) throws Exception {
    client.purge(q);
    for (int b = 0; b < batches; b++) {
      raw.sendBatch(q, json(events(100)));
    }
    return batches * 100L;
  }

  private static PairedRun.Work timedAfter(PairedRun.Work setup, PairedRun.Work timed) {
    return new PairedRun.Work() {
      @Override
      public long run() throws Exception {
        return timed.run();
      }

      @Override
      public void prepare() throws Exception {
        setup.run();
      }
    };
  }

  private List<BenchEvent> events(int n) {
    List<BenchEvent> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(event());
    }
    return list;
  }

  private static String[] json(List<BenchEvent> events) {
    return events.stream().map(BenchEvent::json).toArray(String[]::new);
  }

  private String queue(String name) {
    client.createQueue(name);
    return name;
  }
}
