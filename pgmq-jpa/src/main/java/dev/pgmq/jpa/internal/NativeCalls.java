package dev.pgmq.jpa.internal;

import dev.pgmq.jpa.NoActiveTransactionException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import java.util.List;
import org.hibernate.query.NativeQuery;

/**
 * Runs PGMQ statements as native queries on one EntityManager, inside its active transaction.
 *
 * <p>Each query declares the synchronized query space {@value #QUERY_SPACE}. Hibernate then
 * auto-flushes before it only the pending entity changes to tables in that space (none, unless an
 * entity maps a PGMQ table) instead of every pending change; the rest is flushed at commit, in the
 * same transaction, as usual.
 */
final class NativeCalls {

  /** The query space of every PGMQ statement. */
  static final String QUERY_SPACE = "pgmq";

  private final EntityManager em;

  NativeCalls(EntityManager em) {
    this.em = em;
  }

  EntityManager entityManager() {
    return em;
  }

  /** A native query on {@code em} in the PGMQ query space (no transaction check). */
  static Query query(EntityManager em, String sql) {
    Query q = em.createNativeQuery(sql);
    q.unwrap(NativeQuery.class).addSynchronizedQuerySpace(QUERY_SPACE);
    return q;
  }

  /** The single value the statement returns. */
  Object single(String op, String queue, String sql, Object... params) {
    Query q = prepare(query(em, sql), params);
    try {
      return q.getSingleResult();
    } catch (RuntimeException e) {
      throw ErrorTranslator.translate(op, queue, e);
    }
  }

  /** The values of the statement's single column. */
  List<?> list(String op, String queue, String sql, Object... params) {
    Query q = prepare(query(em, sql), params);
    try {
      return q.getResultList();
    } catch (RuntimeException e) {
      throw ErrorTranslator.translate(op, queue, e);
    }
  }

  /** The rows of the statement, columns by name. */
  @SuppressWarnings("unchecked")
  List<Tuple> tuples(String op, String queue, String sql, Object... params) {
    Query q = em.createNativeQuery(sql, Tuple.class);
    q.unwrap(NativeQuery.class).addSynchronizedQuerySpace(QUERY_SPACE);
    prepare(q, params);
    try {
      return q.getResultList();
    } catch (RuntimeException e) {
      throw ErrorTranslator.translate(op, queue, e);
    }
  }

  /** The optional features of this database. */
  PgmqFeatures features() {
    requireTransaction();
    try {
      return PgmqFeatures.of(em);
    } catch (RuntimeException e) {
      throw ErrorTranslator.translate("feature detection", null, e);
    }
  }

  private Query prepare(Query q, Object[] params) {
    requireTransaction();
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      if (p == null) {
        q.unwrap(NativeQuery.class).setParameter(i + 1, null, String.class);
      } else {
        q.setParameter(i + 1, p);
      }
    }
    return q;
  }

  private void requireTransaction() {
    if (!em.isJoinedToTransaction()) {
      throw new NoActiveTransactionException(
          "Pgmq.using(entityManager) runs inside the caller's transaction, and the"
              + " EntityManager has no active transaction: begin one (or use PgmqClient,"
              + " which commits each call itself)");
    }
  }
}
