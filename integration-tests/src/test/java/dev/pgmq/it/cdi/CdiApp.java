package dev.pgmq.it.cdi;

import com.arjuna.ats.jta.cdi.TransactionExtension;
import dev.pgmq.cdi.PgmqExtension;
import dev.pgmq.jpa.testing.TestPersistenceUnit;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/** Starts the sample application in Weld SE on a test database and reads its tables back. */
final class CdiApp {

  static {
    // Narayana keeps its transaction log under the build directory, not the working directory.
    String store = "target/narayana-store";
    System.setProperty("ObjectStoreEnvironmentBean.objectStoreDir", store);
    System.setProperty("com.arjuna.ats.arjuna.objectstore.objectStoreDir", store);
  }

  /** The queues of the sample application. */
  static final List<String> QUEUES = List.of("orders", "payments", "shipments", Orders.AUDIT_QUEUE);

  private CdiApp() {}

  /**
   * A container with {@code beanClasses}, the database, PGMQ's extension and Narayana's (JTA
   * transactions, {@code @Transactional}, {@code @TransactionScoped}). Discovery is off, so Weld SE
   * loads no extension from the class path by itself: they are added here, as an application with
   * discovery off must do.
   */
  static WeldContainer start(TestDatabase db, Class<?>... beanClasses) {
    try {
      return new Weld("pgmq-it-" + UUID.randomUUID())
          .disableDiscovery()
          .addBeanClasses(beanClasses)
          .addExtension(new PgmqExtension())
          .addExtension(new TransactionExtension())
          .addExtension(new DatabaseBean(db))
          .initialize();
    } catch (RuntimeException failed) {
      // a deployment that fails validation is never shut down, so its application-scoped beans are
      // never destroyed: close the persistence units it opened, as a server undeploying would
      OPEN_FACTORIES.forEach(EntityManagerFactory::close);
      OPEN_FACTORIES.clear();
      throw failed;
    }
  }

  /** Persistence units opened by the producers and not yet closed by their disposers. */
  static final Set<EntityManagerFactory> OPEN_FACTORIES = ConcurrentHashMap.newKeySet();

  /** The resource-local unit of the tests' entities on {@code db} (pool of 6). */
  static TestPersistenceUnit localUnit(String name, TestDatabase db) {
    return new TestPersistenceUnit(name)
        .managedClasses(Order.class, Shipment.class)
        .jdbcUrl(db.jdbcUrl())
        .jdbcCredentials(db.user(), db.password())
        .jdbcPoolSize(6);
  }

  /** The factory of {@code unit}, closed when the container stops if not before. */
  static EntityManagerFactory open(TestPersistenceUnit unit) {
    EntityManagerFactory factory = unit.createEntityManagerFactory();
    OPEN_FACTORIES.add(factory);
    return factory;
  }

  /** Closes a factory of {@link #open}. */
  static void close(EntityManagerFactory factory) {
    OPEN_FACTORIES.remove(factory);
    factory.close();
  }

  /** Connections open to the test database, other than the one asking. */
  static long connections(TestDatabase db) {
    return single(
        db,
        "select count(*) from pg_stat_activity where datname = current_database()"
            + " and pid <> pg_backend_pid()");
  }

  /** Creates the tables and queues of the sample application (idempotent) and empties them. */
  static void freshSchema(TestDatabase db) {
    sql(
        db,
        "create sequence if not exists shop_order_seq",
        "create table if not exists shop_order (id bigint primary key, customer varchar(255),"
            + " status varchar(255))",
        "create sequence if not exists shipment_seq",
        "create table if not exists shipment (id bigint primary key, order_id bigint unique,"
            + " customer varchar(255))",
        "truncate shop_order, shipment");
    for (String queue : QUEUES) {
      sql(db, "select pgmq.create('" + queue + "')", "select pgmq.purge_queue('" + queue + "')");
    }
    sql(
        db,
        "select pgmq.purge_queue(queue_name) from pgmq.list_queues() where queue_name like '%_dlq'");
  }

  static void sql(TestDatabase db, String... statements) {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static long count(TestDatabase db, String table) {
    return single(db, "select count(*) from " + table);
  }

  static long single(TestDatabase db, String query) {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Long> longs(TestDatabase db, String query) {
    List<Long> out = new ArrayList<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** Messages in {@code queue}, visible or not. */
  static long messages(TestDatabase db, String queue) {
    return count(db, "pgmq.q_" + queue);
  }
}
