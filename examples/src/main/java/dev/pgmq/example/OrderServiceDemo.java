package dev.pgmq.example;

import dev.pgmq.jpa.PgmqClient;
import dev.pgmq.jpa.PgmqSchema;
import dev.pgmq.jpa.QueueMetrics;
import dev.pgmq.jpa.SchemaStatus;
import dev.pgmq.outbox.consumer.PgmqConsumer;
import dev.pgmq.outbox.consumer.PollStrategy;
import dev.pgmq.outbox.consumer.spi.ConsumerListener;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/**
 * The order service: places orders through JPA entities whose {@link OrderPlaced} events go out
 * through the outbox in the order's own transaction, and ships them with a consumer whose effect (a
 * {@link Shipment}) commits with the acknowledgement.
 *
 * <p>Runs on {@code PGMQ_JDBC_URL} when set, else on an embedded PostgreSQL. Options: {@code
 * --orders N --producers N --workers N}.
 */
public final class OrderServiceDemo {

  private final DemoOptions options;
  private final PrintStream out;

  OrderServiceDemo(DemoOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Runs the demo; exits 0 when every order was shipped exactly once. */
  public static void main(String[] args) throws Exception {
    System.setProperty("org.jboss.logging.provider", "slf4j");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    DemoOptions options = DemoOptions.parse(args);
    DemoSummary summary;
    try (DemoDatabase db = DemoDatabase.start()) {
      summary = new OrderServiceDemo(options, System.out).run(db);
    }
    System.exit(summary.ok() ? 0 : 1);
  }

  DemoSummary run(DemoDatabase db) throws Exception {
    out.println(
        "pgmq-jpa order service demo: "
            + options.orders()
            + " orders, "
            + options.producers()
            + " producers, "
            + options.workers()
            + " consumer workers");
    out.println("database: " + db.description());
    try (EntityManagerFactory emf = entityManagerFactory(db.jdbcUrl());
        PgmqClient pgmq = PgmqClient.create(emf)) {
      SchemaStatus schema = installPgmq(emf);
      out.println("PGMQ: " + schema.kind() + " " + schema.version() + " (" + schema.change() + ")");
      pgmq.createQueue(OrderPlaced.QUEUE);
      pgmq.enableNotifyInsert(OrderPlaced.QUEUE, Duration.ofMillis(10));

      Latencies latencies = new Latencies();
      AtomicLong placed = new AtomicLong();
      AtomicLong consumed = new AtomicLong();
      PgmqConsumer consumer = consumer(emf, latencies, consumed);
      consumer.start();

      long start = System.nanoTime();
      ProgressBar bar = new ProgressBar(out, options.orders(), System.console() != null);
      List<Future<?>> producers = startProducers(emf, latencies, placed);
      while (consumed.get() < options.orders() && !failed(producers)) {
        bar.show(placed.get(), consumed.get());
        Thread.sleep(100);
        if (System.nanoTime() - start > Duration.ofMinutes(5).toNanos()) {
          break;
        }
      }
      for (Future<?> producer : producers) {
        producer.get();
      }
      long elapsed = System.nanoTime() - start;
      bar.finish(placed.get(), consumed.get());
      consumer.close();

      QueueMetrics metrics = pgmq.metrics(OrderPlaced.QUEUE);
      DemoSummary summary =
          new DemoSummary(
              options.orders(),
              count(emf, "select count(o) from PurchaseOrder o"),
              metrics.totalMessages(),
              count(emf, "select count(s) from Shipment s"),
              metrics.queueLength(),
              elapsed,
              latencies.sortedMillis());
      summary.print(out);
      return summary;
    }
  }

  private static boolean failed(List<Future<?>> producers) {
    for (Future<?> f : producers) {
      if (f.isDone()) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return true;
        } catch (java.util.concurrent.ExecutionException e) {
          return true;
        }
      }
    }
    return false;
  }

  private SchemaStatus installPgmq(EntityManagerFactory emf) {
    EntityManager em = emf.createEntityManager();
    try {
      em.getTransaction().begin();
      SchemaStatus status = PgmqSchema.ensure(em, dev.pgmq.jpa.SchemaMode.EXTENSION_OR_SQL);
      em.getTransaction().commit();
      return status;
    } finally {
      em.close();
    }
  }

  private PgmqConsumer consumer(
      EntityManagerFactory emf, Latencies latencies, AtomicLong consumed) {
    return PgmqConsumer.builder(emf)
        .queue(OrderPlaced.QUEUE)
        .handler(
            OrderPlaced.class,
            (event, ctx) -> {
              latencies.handlerStarted(event.orderId());
              ctx.entityManager().persist(new Shipment(event.orderId()));
            })
        .concurrency(options.workers())
        .batchSize(20)
        .visibilityTimeout(Duration.ofSeconds(30))
        .pollStrategy(PollStrategy.AUTO)
        .listener(
            new ConsumerListener() {
              @Override
              public void onProcessed(
                  String queue,
                  dev.pgmq.jpa.Message<com.fasterxml.jackson.databind.JsonNode> message,
                  Duration duration) {
                consumed.incrementAndGet();
              }
            })
        .build();
  }

  private List<Future<?>> startProducers(
      EntityManagerFactory emf, Latencies latencies, AtomicLong placed) {
    ExecutorService pool = Executors.newFixedThreadPool(options.producers());
    List<Future<?>> futures = new ArrayList<>();
    for (int p = 0; p < options.producers(); p++) {
      int producer = p;
      futures.add(
          pool.submit(
              () -> {
                EntityManager em = emf.createEntityManager();
                try {
                  for (long id = producer + 1; id <= options.orders(); id += options.producers()) {
                    em.getTransaction().begin();
                    em.persist(PurchaseOrder.place(id, "customer-" + (id % 97), 1000 + id % 5000));
                    em.getTransaction().commit();
                    latencies.committed(id);
                    placed.incrementAndGet();
                    em.clear();
                  }
                } finally {
                  em.close();
                }
                return null;
              }));
    }
    pool.shutdown();
    return futures;
  }

  private static long count(EntityManagerFactory emf, String jpql) {
    EntityManager em = emf.createEntityManager();
    try {
      return em.createQuery(jpql, Long.class).getSingleResult();
    } finally {
      em.close();
    }
  }

  static EntityManagerFactory entityManagerFactory(String jdbcUrl) {
    return new HibernatePersistenceConfiguration("order-service")
        .managedClasses(PurchaseOrder.class, Shipment.class)
        .jdbcUrl(jdbcUrl)
        .jdbcPoolSize(12)
        .property("hibernate.hbm2ddl.auto", "create")
        .property("hibernate.hikari.connectionTimeout", "10000")
        .createEntityManagerFactory();
  }

  static String format(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
