package dev.pgmq.spring.internal;

import dev.pgmq.jpa.PgmqSchema;
import dev.pgmq.jpa.SchemaMode;
import dev.pgmq.jpa.SchemaStatus;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Makes sure PGMQ is installed (per {@code pgmq.schema.install}) when the context creates it, in a
 * transaction of its own that commits before any bean depending on it runs.
 */
public final class PgmqInstaller implements InitializingBean {

  private static final Logger LOG = LoggerFactory.getLogger(PgmqInstaller.class);

  private final EntityManagerFactory entityManagerFactory;
  private final SchemaMode mode;
  private volatile SchemaStatus status;

  /** Installs per {@code mode} through a new {@code EntityManager} of the factory. */
  public PgmqInstaller(EntityManagerFactory entityManagerFactory, SchemaMode mode) {
    this.entityManagerFactory = entityManagerFactory;
    this.mode = mode;
  }

  @Override
  public void afterPropertiesSet() {
    EntityManager em = entityManagerFactory.createEntityManager();
    try {
      status = PgmqSchema.ensure(em, mode);
    } finally {
      em.close(); // not try-with-resources: EntityManager is AutoCloseable only from JPA 3.2
    }
    LOG.info("PGMQ ready (pgmq.schema.install={}): {}", mode, status);
  }

  /** What the install found or did; {@code null} before it ran. */
  public SchemaStatus status() {
    return status;
  }
}
