package dev.pgmq.jpa.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgmq.jpa.InvalidQueueNameException;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.testing.TestPersistenceUnit;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** {@link InsertNotifications}: the channel, the enabled check and the probe, in a transaction. */
@PgmqDatabaseTest
class InsertNotificationsIT {

  private static TestDatabase db;
  private static EntityManagerFactory emf;

  @BeforeAll
  static void start(TestDatabase database) {
    db = database;
    emf =
        new TestPersistenceUnit("insert-notifications")
            .jdbcUrl(db.jdbcUrl())
            .jdbcCredentials(db.user(), db.password())
            .jdbcPoolSize(2)
            .createEntityManagerFactory();
  }

  @AfterAll
  static void stop() {
    emf.close();
  }

  @Test
  void channelIsTheOnePgmqNotifiesOn() {
    assertThat(InsertNotifications.channel("orders")).isEqualTo("pgmq.q_orders.INSERT");
    assertThatThrownBy(() -> InsertNotifications.channel("Orders"))
        .isInstanceOf(InvalidQueueNameException.class);
  }

  @Test
  void enabledFollowsEnableAndDisableNotifyInsert() {
    String q = db.uniqueName("spi_notify");
    inTransaction(em -> Pgmq.using(em).createQueue(q));
    assertThat(enabled(q)).isFalse();
    inTransaction(em -> Pgmq.using(em).enableNotifyInsert(q, Duration.ZERO));
    assertThat(enabled(q)).isTrue();
    inTransaction(em -> Pgmq.using(em).disableNotifyInsert(q));
    assertThat(enabled(q)).isFalse();
  }

  @Test
  void probeIsDeliveredWhenTheTransactionCommits() throws Exception {
    String channel = InsertNotifications.channel(db.uniqueName("spi_probe"));
    try (Connection listener = db.connect();
        Statement s = listener.createStatement()) {
      s.execute("LISTEN \"" + channel + "\"");
      EntityManager em = emf.createEntityManager();
      em.getTransaction().begin();
      InsertNotifications.probe(em, channel);
      assertThat(listener.unwrap(PGConnection.class).getNotifications(200)).isNullOrEmpty();
      em.getTransaction().commit();
      em.close();
      PGNotification[] got = listener.unwrap(PGConnection.class).getNotifications(10_000);
      assertThat(got).isNotNull().extracting(PGNotification::getName).containsExactly(channel);
    }
  }

  private static boolean enabled(String queue) {
    boolean[] result = new boolean[1];
    inTransaction(em -> result[0] = InsertNotifications.enabled(em, queue));
    return result[0];
  }

  private static void inTransaction(Consumer<EntityManager> work) {
    EntityManager em = emf.createEntityManager();
    try {
      em.getTransaction().begin();
      work.accept(em);
      em.getTransaction().commit();
    } finally {
      em.close();
    }
  }
}
