package dev.pgmq.jpa.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgmq.jpa.InvalidQueueNameException;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqClient;
import dev.pgmq.jpa.PgmqConfig;
import dev.pgmq.jpa.QueueNotFoundException;
import dev.pgmq.jpa.testing.TestPersistenceUnit;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The three ways to create a client, its transactions, and what it closes. */
@PgmqDatabaseTest
class PgmqClientIT {

  static final Duration VT = Duration.ofSeconds(30);
  static EntityManagerFactory emf;
  static PgmqClient client;

  @BeforeAll
  static void start(TestDatabase db) {
    emf =
        new TestPersistenceUnit("client-it")
            .jdbcUrl(db.jdbcUrl())
            .jdbcCredentials(db.user(), db.password())
            .jdbcPoolSize(4)
            .createEntityManagerFactory();
    client = PgmqClient.create(emf);
  }

  @AfterAll
  static void stop() {
    client.close();
    emf.close();
  }

  static String dsn(TestDatabase db) {
    URI uri = URI.create(db.jdbcUrl().substring("jdbc:".length()));
    String credentials = db.user() + (db.password().isEmpty() ? "" : ":" + db.password());
    return "postgresql://"
        + credentials
        + "@"
        + uri.getHost()
        + ":"
        + uri.getPort()
        + uri.getPath();
  }

  @Test
  void aClientFromADsnSendsAndReads(TestDatabase db) {
    String queue = db.uniqueName("dsn");
    try (PgmqClient fromDsn = PgmqClient.create(dsn(db))) {
      fromDsn.createQueue(queue);
      long id = fromDsn.send(queue, Map.of("k", "v"));
      assertThat(fromDsn.read(queue, VT)).map(m -> m.msgId()).contains(id);
    }
    assertThat(client.listQueues()).extracting(q -> q.queueName()).contains(queue);
  }

  @Test
  void aClientFromAJdbcUrlWithAConfigWorks(TestDatabase db) {
    String queue = db.uniqueName("url");
    PgmqConfig config = PgmqConfig.builder().poolSize(2).build();
    try (PgmqClient fromUrl = PgmqClient.create(db.jdbcUrlWithCredentials(), config)) {
      fromUrl.createQueue(queue);
      assertThat(fromUrl.sendBatch(queue, List.of(1, 2))).hasSize(2);
    }
  }

  @Test
  void aClientFromASupplierClosesEachEntityManagerItTakes(TestDatabase db) {
    String queue = db.uniqueName("supplier");
    AtomicInteger taken = new AtomicInteger();
    List<EntityManager> handedOut = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (PgmqClient fromSupplier =
        PgmqClient.create(
            () -> {
              taken.incrementAndGet();
              EntityManager em = emf.createEntityManager();
              handedOut.add(em);
              return em;
            })) {
      fromSupplier.createQueue(queue);
      fromSupplier.send(queue, 1);
      assertThat(fromSupplier.pop(queue)).isPresent();
    }
    assertThat(taken.get()).isGreaterThanOrEqualTo(3);
    assertThat(handedOut).noneMatch(EntityManager::isOpen);
    assertThat(emf.isOpen()).isTrue();
  }

  @Test
  void eachCallCommitsOnItsOwn(TestDatabase db) {
    String queue = db.uniqueName("own");
    client.createQueue(queue);
    long id = client.send(queue, 1);
    try (PgmqClient other = PgmqClient.create(db.jdbcUrlWithCredentials())) {
      assertThat(other.read(queue, VT)).map(m -> m.msgId()).contains(id);
    }
  }

  @Test
  void callsCommitAlsoOnConnectionsThatAreNotInAutoCommitMode(TestDatabase db) {
    String queue = db.uniqueName("manual");
    try (EntityManagerFactory manual =
            new TestPersistenceUnit("client-it-manual-commit")
                .jdbcUrl(db.jdbcUrl())
                .jdbcCredentials(db.user(), db.password())
                .jdbcPoolSize(2)
                .property("hibernate.hikari.autoCommit", "false")
                .property("hibernate.connection.provider_disables_autocommit", "true")
                .createEntityManagerFactory();
        PgmqClient onManual = PgmqClient.create(manual)) {
      onManual.createQueue(queue);
      long id = onManual.send(queue, 1);
      assertThat(client.read(queue, VT)).map(m -> m.msgId()).contains(id);
    }
  }

  @Test
  void aFailedCallLeavesNothingBehind(TestDatabase db) {
    String queue = db.uniqueName("failed");
    client.createQueue(queue);
    assertThatThrownBy(() -> client.sendBatch(queue, List.of(1, new Object())))
        .isInstanceOf(dev.pgmq.jpa.PgmqSerializationException.class);
    assertThatThrownBy(() -> client.archive(db.uniqueName("missing"), 1))
        .isInstanceOf(QueueNotFoundException.class);
    assertThat(client.metrics(queue).queueLength()).isZero();
    assertThat(client.send(queue, 2)).isPositive();
  }

  @Test
  void inTransactionCommitsSeveralCallsTogether(TestDatabase db) {
    String queue = db.uniqueName("together");
    client.createQueue(queue);
    List<Long> ids =
        client.inTransaction(
            pgmq -> List.of(pgmq.send(queue, 1), pgmq.send(queue, 2), pgmq.send(queue, 3)));
    assertThat(client.readBatch(queue, VT, 10))
        .extracting(m -> m.msgId())
        .containsExactlyElementsOf(ids);
  }

  @Test
  void inTransactionRollsEverythingBackWhenTheWorkFails(TestDatabase db) {
    String queue = db.uniqueName("rollback");
    client.createQueue(queue);
    assertThatThrownBy(
            () ->
                client.useTransaction(
                    pgmq -> {
                      pgmq.send(queue, 1);
                      pgmq.send(db.uniqueName("missing"), 2);
                    }))
        .isInstanceOf(QueueNotFoundException.class);
    assertThatThrownBy(
            () ->
                client.useTransaction(
                    pgmq -> {
                      pgmq.send(queue, 1);
                      throw new IllegalStateException("application failure");
                    }))
        .hasMessage("application failure");
    assertThat(client.metrics(queue).queueLength()).isZero();
    assertThat(client.read(queue, VT)).isEmpty();
  }

  @Test
  void validatingANameNeedsNoTransaction() {
    client.validateQueueName("fine_name");
    assertThatThrownBy(() -> client.validateQueueName("Not fine"))
        .isInstanceOf(InvalidQueueNameException.class);
  }

  @Test
  void asyncCallsRunOnTheConfiguredExecutorAndFailWithTypedExceptions(TestDatabase db) {
    String queue = db.uniqueName("async");
    AtomicInteger tasks = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    PgmqConfig config =
        PgmqConfig.builder()
            .asyncExecutor(
                r -> {
                  tasks.incrementAndGet();
                  pool.execute(r);
                })
            .build();
    try (PgmqClient withExecutor = PgmqClient.create(emf, config)) {
      withExecutor.async().run(p -> p.createQueue(queue)).join();
      Long id = withExecutor.async().call(p -> p.send(queue, Map.of("a", 1))).join();
      assertThat(
              withExecutor
                  .async()
                  .inTransaction(p -> p.read(queue, VT).orElseThrow().msgId())
                  .join())
          .isEqualTo(id);
      assertThatThrownBy(() -> withExecutor.async().call(p -> p.send("Bad Name", 1)).join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(InvalidQueueNameException.class);
      assertThat(tasks.get()).isEqualTo(4);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void asyncCallsRunOnThreadsOfTheConfiguredThreadFactory(TestDatabase db) {
    String queue = db.uniqueName("async_threads");
    java.util.Set<Thread> created = java.util.concurrent.ConcurrentHashMap.newKeySet();
    PgmqConfig config =
        PgmqConfig.builder()
            .threadFactory(
                r -> {
                  Thread t = new Thread(r);
                  t.setDaemon(true);
                  created.add(t);
                  return t;
                })
            .build();
    try (PgmqClient client = PgmqClient.create(emf, config)) {
      client.async().run(p -> p.createQueue(queue)).join();
      Thread ranOn = client.async().inTransaction(p -> Thread.currentThread()).join();

      assertThat(created).contains(ranOn);
      assertThat(ranOn.getName()).startsWith("pgmq-async-");
    }
  }

  @Test
  void closingAClientLeavesTheGivenFactoryOpenAndRejectsLaterCalls(TestDatabase db) {
    PgmqClient shortLived = PgmqClient.create(emf);
    shortLived.listQueues();
    shortLived.close();
    shortLived.close();
    assertThat(emf.isOpen()).isTrue();
    assertThatThrownBy(shortLived::listQueues).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(shortLived::async).isInstanceOf(IllegalStateException.class);
    Pgmq stillUsable = client;
    assertThat(stillUsable.listQueues()).isNotNull();
  }
}
