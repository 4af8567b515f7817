package dev.pgmq.jpa.internal;

import dev.pgmq.jpa.Pgmq;
import dev.pgmq.jpa.PgmqConfig;
import jakarta.persistence.EntityManager;

/** {@link Pgmq} on a caller's EntityManager. (Being written.) */
public final class EntityManagerPgmq {
  private EntityManagerPgmq() {}

  /** Creates it. */
  public static Pgmq create(EntityManager em, PgmqConfig config) {
    throw new UnsupportedOperationException("not yet");
  }
}
