package dev.pgmq.bench;

import dev.pgmq.example.DemoDatabase;
import dev.pgmq.jpa.PgmqClient;
import dev.pgmq.jpa.PgmqSchema;
import dev.pgmq.jpa.SchemaMode;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/**
 * Runs every library path beside its raw JDBC baseline, in one run on one database, and prints a
 * table of ratios (library ÷ raw, higher is better) plus a JSON file.
 *
 * <p>Options: {@code --rounds N} measured rounds per scenario (default 7), {@code --ops N}
 * operations per round (default 2000), {@code --depths 0,100000,1000000} backlogs of the depth
 * scenarios, {@code --groups send,consume,outbox,consumer,depth,latency,cpu} (default all), {@code
 * --out-dir DIR} (default {@code results}). Runs every scenario on an embedded PostgreSQL ({@code
 * embedded.json}) and, when {@code PGMQ_JDBC_URL} is set, again on that server ({@code
 * server.json}).
 */
public final class BenchmarkMain {

  private BenchmarkMain() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    System.setProperty("org.jboss.logging.provider", "slf4j");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    int rounds = 7;
    int ops = 2000;
    Path outDir = Path.of("results");
    int[] depths = {0, 100_000, 1_000_000};
    java.util.Set<String> groups =
        java.util.Set.of("send", "consume", "outbox", "consumer", "depth", "latency", "cpu");
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        case "--ops" -> ops = Integer.parseInt(args[i + 1]);
        case "--out-dir" -> outDir = Path.of(args[i + 1]);
        case "--depths" ->
            depths =
                java.util.Arrays.stream(args[i + 1].split(","))
                    .mapToInt(d -> Integer.parseInt(d.trim()))
                    .toArray();
        case "--groups" -> groups = java.util.Set.of(args[i + 1].split(","));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    try (DemoDatabase db = DemoDatabase.embedded()) {
      run(db, new Options(rounds, ops, depths, groups), outDir.resolve("embedded.json"));
    }
    String server = System.getenv(DemoDatabase.URL_VARIABLE);
    if (server != null && !server.isBlank()) {
      try (DemoDatabase db = DemoDatabase.at(server.trim())) {
        run(db, new Options(rounds, ops, depths, groups), outDir.resolve("server.json"));
      }
    }
    System.exit(0);
  }

  /** What to run. */
  record Options(int rounds, int ops, int[] depths, java.util.Set<String> groups) {}

  static void run(DemoDatabase db, Options o, Path out) throws Exception {
    int rounds = o.rounds();
    int ops = o.ops();
    System.out.println(
        "benchmark on "
            + db.description()
            + ": "
            + rounds
            + " rounds x "
            + ops
            + " operations per scenario, after warm-up");
    Map<String, String> machine = new LinkedHashMap<>();
    try (Connection admin = DriverManager.getConnection(db.jdbcUrl())) {
      PgmqSchema.ensure(admin, SchemaMode.EXTENSION_OR_SQL);
      machine.putAll(Machine.describe(admin, db.description()));
    }
    System.out.println(
        "  synchronous_commit="
            + machine.get("synchronous_commit")
            + " fsync="
            + machine.get("fsync")
            + " shared_buffers="
            + machine.get("shared_buffers"));
    boolean superuser = Machine.isSuperuser(db.jdbcUrl());
    List<Comparison> comparisons = new ArrayList<>();
    Map<String, Double> figures = new LinkedHashMap<>();
    try (EntityManagerFactory emf = entityManagerFactory(db.jdbcUrl(), false, true);
        PgmqClient client = PgmqClient.create(db.jdbcUrl());
        RawJdbc raw = new RawJdbc(db.jdbcUrl())) {
      client.createQueue(BenchEvent.OUTBOX_QUEUE);
      PairedRun run = new PairedRun(2, rounds);
      comparisons.addAll(new ThroughputScenarios(client, emf, raw, run, ops).all(o.groups()));
      ConsumerScenarios consumers =
          new ConsumerScenarios(client, emf, raw, db.jdbcUrl(), Math.max(3, rounds / 2), 2000);
      if (o.groups().contains("consumer")) {
        comparisons.addAll(consumers.throughput());
      }
      if (o.groups().contains("depth")) {
        comparisons.addAll(new DepthScenarios(client, raw, run, ops).all(o.depths()));
      }
      if (o.groups().contains("latency")) {
        figures.putAll(consumers.latency(200, 20));
      }
      if (o.groups().contains("cpu")) {
        try (EntityManagerFactory sendBatch = entityManagerFactory(db.jdbcUrl(), false, false);
            Connection admin = DriverManager.getConnection(db.jdbcUrl())) {
          figures.putAll(
              new CpuCost(
                      emf,
                      sendBatch,
                      raw,
                      admin,
                      new java.util.concurrent.atomic.AtomicLong(8_000_000_000L))
                  .measure(rounds, ops / 2));
        }
      }
      if (superuser && o.groups().contains("outbox")) {
        // function statistics cost time on every call: only this factory's connections track them
        try (Connection stats = DriverManager.getConnection(db.jdbcUrl())) {
          figures.putAll(
              RoundTrips.outboxCallsPerTransaction(
                  entityManagerFactory(db.jdbcUrl(), true, true), stats, 50, 10));
        }
      }
    }
    machine.put("finished", Instant.now().toString());
    Report report = new Report(machine, comparisons, figures);
    report.printTable(System.out);
    report.writeJson(out);
    System.out.println("written: " + out.toAbsolutePath());
  }

  private static EntityManagerFactory entityManagerFactory(
      String jdbcUrl, boolean trackFunctions, boolean directInsert) {
    HibernatePersistenceConfiguration cfg =
        new HibernatePersistenceConfiguration("benchmarks")
            .managedClasses(BenchOrder.class)
            .jdbcUrl(jdbcUrl)
            .jdbcPoolSize(8)
            .property("pgmq.outbox.direct-insert", Boolean.toString(directInsert))
            .property(
                "hibernate.hbm2ddl.auto", trackFunctions || !directInsert ? "none" : "create");
    if (trackFunctions) {
      cfg.property("hibernate.hikari.connectionInitSql", "set track_functions = 'all'");
    }
    return cfg.createEntityManagerFactory();
  }

  /** Facts about the machine and server, for the report. */
  static final class Machine {
    private Machine() {}

    static Map<String, String> describe(Connection c, String database) throws Exception {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("started", Instant.now().toString());
      m.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
      m.put(
          "os",
          System.getProperty("os.name")
              + " "
              + System.getProperty("os.version")
              + " "
              + System.getProperty("os.arch"));
      m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
      m.put("maxHeapMiB", Long.toString(Runtime.getRuntime().maxMemory() >> 20));
      m.put("database", database);
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select version()")) {
        rs.next();
        m.put("postgresql", rs.getString(1));
      }
      for (String setting : new String[] {"synchronous_commit", "fsync", "shared_buffers"}) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("show " + setting)) {
          rs.next();
          m.put(setting, rs.getString(1));
        }
      }
      return m;
    }

    static boolean isSuperuser(String jdbcUrl) throws Exception {
      try (Connection c = DriverManager.getConnection(jdbcUrl);
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery("select rolsuper from pg_roles where rolname = current_user")) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }
}
