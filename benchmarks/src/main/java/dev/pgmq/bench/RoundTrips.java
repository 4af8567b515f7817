package dev.pgmq.bench;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts the PGMQ function calls the outbox makes per transaction, from PostgreSQL's own function
 * statistics ({@code pg_stat_user_functions}, {@code track_functions = 'all'} on the benchmark's
 * connections): 10 events in one flush must be one {@code send_batch} call, not ten sends.
 */
final class RoundTrips {

  private RoundTrips() {}

  /**
   * Runs {@code transactions} outbox transactions on {@code emf} (whose connections track function
   * statistics) and closes it: backends report their statistics when they exit.
   */
  static Map<String, Double> outboxCallsPerTransaction(
      EntityManagerFactory emf, Connection stats, int transactions, int eventsPerTx)
      throws Exception {
    Map<String, Long> before = calls(stats);
    EntityManager em = emf.createEntityManager();
    try {
      for (int i = 0; i < transactions; i++) {
        em.getTransaction().begin();
        em.persist(BenchOrder.create(900_000_000L + i, eventsPerTx));
        em.getTransaction().commit();
        em.clear();
      }
    } finally {
      em.close();
    }
    emf.close(); // the pool's backends exit and flush their function statistics
    Thread.sleep(1000);
    Map<String, Long> after = calls(stats);
    Map<String, Double> out = new LinkedHashMap<>();
    for (String fn : new String[] {"send", "send_batch"}) {
      long delta = after.getOrDefault(fn, 0L) - before.getOrDefault(fn, 0L);
      out.put(
          "outbox" + eventsPerTx + "Events_" + fn + "CallsPerTransaction",
          delta / (double) transactions);
    }
    return out;
  }

  private static Map<String, Long> calls(Connection c) throws Exception {
    Map<String, Long> calls = new LinkedHashMap<>();
    try (Statement s = c.createStatement()) {
      s.execute("select pg_stat_clear_snapshot()");
      try (ResultSet rs =
          s.executeQuery(
              "select funcname, sum(calls) from pg_stat_user_functions"
                  + " where schemaname = 'pgmq' and funcname in ('send', 'send_batch')"
                  + " group by funcname")) {
        while (rs.next()) {
          calls.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return calls;
  }
}
