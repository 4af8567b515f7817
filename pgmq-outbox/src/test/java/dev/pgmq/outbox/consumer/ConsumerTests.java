package dev.pgmq.outbox.consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.testing.TestPersistenceUnit;
import dev.pgmq.outbox.consumer.spi.ConsumerListener;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** Shared set-up for the consumer tests: a persistence unit with {@link Effect}, SQL helpers. */
final class ConsumerTests {

  private ConsumerTests() {}

  /** A persistence unit on {@code db} with the effect table (re)created. */
  static EntityManagerFactory entityManagerFactory(TestDatabase db, int poolSize) {
    return new TestPersistenceUnit("consumer-test")
        .managedClasses(Effect.class)
        .jdbcUrl(db.jdbcUrl())
        .jdbcCredentials(db.user(), db.password())
        .jdbcPoolSize(poolSize)
        .property("hibernate.hbm2ddl.auto", "create")
        // tests need no durability across a server crash: spare them a WAL flush per commit
        .property("hibernate.hikari.connectionInitSql", "set synchronous_commit = off")
        .createEntityManagerFactory();
  }

  /** Runs {@code work} in a committed transaction. */
  static <R> R inTransaction(EntityManagerFactory emf, Function<EntityManager, R> work) {
    try (EntityManager em = emf.createEntityManager()) {
      em.getTransaction().begin();
      R result = work.apply(em);
      em.getTransaction().commit();
      return result;
    }
  }

  /** PGMQ operations in a committed transaction. */
  static <R> R pgmq(EntityManagerFactory emf, Function<Pgmq, R> work) {
    return inTransaction(emf, em -> work.apply(Pgmq.using(em)));
  }

  /** Creates {@code queue}. */
  static void createQueue(EntityManagerFactory emf, String queue) {
    pgmq(
        emf,
        p -> {
          p.createQueue(queue);
          return null;
        });
  }

  /** A long from a one-row, one-column query. */
  static long queryLong(TestDatabase db, String sql) {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Messages in queue {@code queue}, visible or not. */
  static long queueLength(TestDatabase db, String queue) {
    return queryLong(db, "select count(*) from pgmq.q_" + queue);
  }

  /** Effects recorded for {@code key}. */
  static long effects(TestDatabase db, String key) {
    return queryLong(db, "select count(*) from consumer_effect where effectKey = '" + key + "'");
  }

  /** A row of a queue table: id, read count, payload and headers. */
  record Row(long msgId, int readCt, JsonNode message, JsonNode headers) {}

  /** Every message of {@code queue}, oldest first, read without touching it. */
  static List<Row> rows(TestDatabase db, String queue) {
    ObjectMapper mapper = new ObjectMapper();
    List<Row> rows = new ArrayList<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select msg_id, read_ct, message::text, headers::text from pgmq.q_"
                    + queue
                    + " order by msg_id")) {
      while (rs.next()) {
        String headers = rs.getString(4);
        rows.add(
            new Row(
                rs.getLong(1),
                rs.getInt(2),
                mapper.readTree(rs.getString(3)),
                headers == null ? null : mapper.readTree(headers)));
      }
      return rows;
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Records every listener callback (read the lists once the consumer is closed). */
  static final class Recorder implements ConsumerListener {
    final List<Message<JsonNode>> received = Collections.synchronizedList(new ArrayList<>());
    final List<Message<JsonNode>> processed = Collections.synchronizedList(new ArrayList<>());
    final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    final List<Duration> retryDelays = Collections.synchronizedList(new ArrayList<>());
    final List<String> deadLettered = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onReceived(String queue, Message<JsonNode> message) {
      received.add(message);
    }

    @Override
    public void onProcessed(String queue, Message<JsonNode> message, Duration duration) {
      processed.add(message);
    }

    @Override
    public void onFailed(
        String queue,
        Message<JsonNode> message,
        Throwable error,
        Duration duration,
        Duration retryDelay) {
      failures.add(error);
      retryDelays.add(retryDelay);
    }

    @Override
    public void onDeadLettered(
        String queue,
        Message<JsonNode> message,
        String deadLetterQueue,
        String reason,
        Throwable error) {
      deadLettered.add(reason);
    }
  }
}
