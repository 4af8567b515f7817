package dev.pgmq.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgmq.jpa.Message;
import dev.pgmq.jpa.Pgmq;
import dev.pgmq.outbox.fixture.LineAdded;
import dev.pgmq.outbox.fixture.OrderPlaced;
import dev.pgmq.outbox.fixture.OutboxDatabase;
import dev.pgmq.outbox.fixture.PaymentRequested;
import dev.pgmq.outbox.fixture.PurchaseOrder;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The integrator is found however Hibernate is bootstrapped; events read back typed. */
@PgmqDatabaseTest
class BootstrapIT {

  private final OutboxDatabase db;

  BootstrapIT(TestDatabase database) {
    this.db = new OutboxDatabase(database);
  }

  @BeforeEach
  void emptyQueues() {
    db.freshQueues("orders", "payments");
  }

  @Test
  void persistenceXmlBootstrapSendsEntityEventsReadableAsTypedObjects() {
    Map<String, Object> props = new HashMap<>(db.db().jpaProperties());
    EntityManagerFactory emf =
        Persistence.createEntityManagerFactory("outbox-entity-events", props);
    try {
      EntityManager em = emf.createEntityManager();
      em.getTransaction().begin();
      PurchaseOrder order = new PurchaseOrder("xml");
      em.persist(order);
      order.place();
      em.getTransaction().commit();

      em.getTransaction().begin();
      List<Message<OrderPlaced>> read =
          Pgmq.using(em).readBatch("orders", Duration.ofSeconds(30), 10, OrderPlaced.class);
      em.getTransaction().commit();
      em.close();

      assertThat(read).hasSize(1);
      assertThat(read.get(0).message()).isEqualTo(new OrderPlaced(order.getId(), "xml"));
      assertThat(read.get(0).header(EnvelopeHeaders.EVENT_TYPE)).isEqualTo("order.placed");
      assertThat(read.get(0).header(EnvelopeHeaders.GROUP))
          .isEqualTo("PurchaseOrder:" + order.getId());
    } finally {
      emf.close();
    }
  }

  @Test
  void nativeHibernateBootstrapSendsEntityAndPublishedEvents() {
    Configuration cfg =
        new Configuration()
            .addAnnotatedClass(PurchaseOrder.class)
            .setProperty("hibernate.connection.url", db.db().jdbcUrl())
            .setProperty("hibernate.connection.username", db.db().user())
            .setProperty("hibernate.connection.password", db.db().password())
            .setProperty("hibernate.connection.pool_size", "2")
            .setProperty("hibernate.hbm2ddl.auto", "update");
    try (SessionFactory sf = cfg.buildSessionFactory()) {
      try (Session session = sf.openSession()) {
        session.beginTransaction();
        PurchaseOrder order = new PurchaseOrder("native");
        session.persist(order);
        order.raise(new LineAdded(order.getId(), 1));
        Outbox.of(session).publish(new PaymentRequested("N-1", new BigDecimal("2.50")));
        session.getTransaction().commit();

        session.beginTransaction();
        Pgmq pgmq = Pgmq.using(session);
        List<Message<LineAdded>> lines =
            pgmq.readBatch("orders", Duration.ofSeconds(30), 10, LineAdded.class);
        List<Message<PaymentRequested>> payments =
            pgmq.readBatch("payments", Duration.ofSeconds(30), 10, PaymentRequested.class);
        session.getTransaction().commit();

        assertThat(lines)
            .extracting(Message::message)
            .containsExactly(new LineAdded(order.getId(), 1));
        assertThat(payments).hasSize(1);
        assertThat(payments.get(0).message().reference()).isEqualTo("N-1");
        assertThat(payments.get(0).message().amount()).isEqualByComparingTo("2.50");
      }
    }
  }
}
