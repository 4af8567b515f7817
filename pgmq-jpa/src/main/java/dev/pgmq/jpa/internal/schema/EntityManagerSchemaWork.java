package dev.pgmq.jpa.internal.schema;

import dev.pgmq.jpa.SchemaMode;
import dev.pgmq.jpa.SchemaStatus;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityTransaction;
import java.util.Objects;
import org.hibernate.Session;

/** Runs the installer on an EntityManager's own JDBC connection through Hibernate's doWork. */
public final class EntityManagerSchemaWork {

  private EntityManagerSchemaWork() {}

  /**
   * Ensures PGMQ on {@code em}'s connection. Joins the active transaction when there is one (JTA or
   * resource-local); otherwise runs in a resource-local transaction of its own.
   */
  public static SchemaStatus ensure(EntityManager em, SchemaMode mode) {
    Objects.requireNonNull(em, "entityManager");
    Objects.requireNonNull(mode, "mode");
    Session session = em.unwrap(Session.class);
    if (em.isJoinedToTransaction()) {
      return session.doReturningWork(c -> SchemaInstaller.ensure(c, mode));
    }
    EntityTransaction tx = em.getTransaction();
    tx.begin();
    try {
      SchemaStatus status = session.doReturningWork(c -> SchemaInstaller.ensure(c, mode));
      tx.commit();
      return status;
    } finally {
      if (tx.isActive()) {
        tx.rollback();
      }
    }
  }
}
