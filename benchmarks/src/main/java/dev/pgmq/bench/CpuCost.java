package dev.pgmq.bench;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CPU per transaction of the outbox and its baselines, which a loaded machine does not blur the way
 * it blurs throughput: the client thread's CPU time plus the on-CPU time of the database's server
 * backends ({@code /proc/<pid>/schedstat}: only when the server runs on this machine).
 */
final class CpuCost {

  private final EntityManagerFactory direct;
  private final EntityManagerFactory sendBatch;
  private final RawJdbc raw;
  private final Connection admin;
  private final AtomicLong ids;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  CpuCost(
      EntityManagerFactory direct,
      EntityManagerFactory sendBatch,
      RawJdbc raw,
      Connection admin,
      AtomicLong ids) {
    this.direct = direct;
    this.sendBatch = sendBatch;
    this.raw = raw;
    this.admin = admin;
    this.ids = ids;
  }

  /** Median over {@code rounds} of µs per transaction, client and server, per scenario. */
  Map<String, Double> measure(int rounds, int txs) throws Exception {
    if (!Files.isReadable(Path.of("/proc/self/schedstat")) || backendTime() == 0) {
      System.out.println("  cpu cost: server backends not readable here, skipped");
      return Map.of();
    }
    String[] names = {
      "plainJpa",
      "outbox1",
      "outbox1SendBatch",
      "outbox10",
      "outbox10SendBatch",
      "rawPlain",
      "rawOutbox1",
      "rawOutbox10"
    };
    Map<String, List<Double>> client = new LinkedHashMap<>();
    Map<String, List<Double>> server = new LinkedHashMap<>();
    for (int round = -1; round < rounds; round++) { // round -1 warms up
      for (String name : names) {
        long c0 = threads.getCurrentThreadCpuTime();
        long s0 = backendTime();
        run(name, txs);
        long c1 = threads.getCurrentThreadCpuTime();
        long s1 = backendTime();
        if (round >= 0) {
          client.computeIfAbsent(name, k -> new ArrayList<>()).add((c1 - c0) / 1e3 / txs);
          server.computeIfAbsent(name, k -> new ArrayList<>()).add((s1 - s0) / 1e3 / txs);
        }
      }
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (String name : names) {
      out.put("cpu_" + name + "_clientMicrosPerTx", Stats.of(client.get(name)).median());
      out.put("cpu_" + name + "_serverMicrosPerTx", Stats.of(server.get(name)).median());
    }
    return out;
  }

  private void run(String name, int txs) throws Exception {
    switch (name) {
      case "plainJpa" -> jpa(direct, txs, 0);
      case "outbox1" -> jpa(direct, txs, 1);
      case "outbox1SendBatch" -> jpa(sendBatch, txs, 1);
      case "outbox10" -> jpa(direct, txs, 10);
      case "outbox10SendBatch" -> jpa(sendBatch, txs, 10);
      case "rawPlain" -> raw(txs, 0);
      case "rawOutbox1" -> raw(txs, 1);
      case "rawOutbox10" -> raw(txs, 10);
      default -> throw new IllegalArgumentException(name);
    }
  }

  private void jpa(EntityManagerFactory emf, int txs, int events) {
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
  }

  private void raw(int txs, int events) throws Exception {
    raw.autoCommit(false);
    String[] messages = new String[events];
    String[] headers = new String[events];
    for (int i = 0; i < txs; i++) {
      long id = ids.incrementAndGet();
      raw.insertOrder(id);
      if (events > 0) {
        for (int e = 0; e < events; e++) {
          messages[e] = raw.encode(new BenchEvent(id, "customer-" + id % 97, 1000 + e));
          headers[e] = OutboxScenarios.envelope(id, java.time.Instant.now().toString());
        }
        raw.insertQueueRows(BenchEvent.OUTBOX_QUEUE, messages, headers);
      }
      raw.commit();
    }
    raw.autoCommit(true);
  }

  /** On-CPU nanoseconds of every other backend of this database, from /proc. */
  private long backendTime() throws Exception {
    long total = 0;
    try (Statement s = admin.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select pid from pg_stat_activity where datname = current_database()"
                    + " and pid <> pg_backend_pid()")) {
      while (rs.next()) {
        Path stat = Path.of("/proc/" + rs.getInt(1) + "/schedstat");
        if (Files.isReadable(stat)) {
          total += Long.parseLong(Files.readString(stat).trim().split(" ")[0]);
        }
      }
    }
    return total;
  }
}
