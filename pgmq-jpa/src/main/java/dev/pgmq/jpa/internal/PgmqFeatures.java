package dev.pgmq.jpa.internal;

import dev.pgmq.jpa.UnsupportedPgmqVersionException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Which optional PGMQ functions a database has, detected once per {@link EntityManagerFactory} (or
 * per connection pool of a URL client) with one {@code to_regprocedure} query and cached for its
 * life.
 */
final class PgmqFeatures {

  private static final Map<Object, PgmqFeatures> CACHE =
      Collections.synchronizedMap(new WeakHashMap<>());
  private static final String DETECT_SQL = detectSql();

  private final Set<PgmqFeature> present;

  private PgmqFeatures(Set<PgmqFeature> present) {
    this.present = present;
  }

  /** The features of {@code em}'s database; detected on {@code em} the first time. */
  static PgmqFeatures of(EntityManager em) {
    return of(new HibernateSessionRunner(em));
  }

  /** The features of the database {@code runner} runs on; detected with it the first time. */
  static PgmqFeatures of(StatementRunner runner) {
    Object key = runner.featureKey();
    PgmqFeatures known = CACHE.get(key);
    if (known != null) {
      return known;
    }
    PgmqFeature[] all = PgmqFeature.values();
    EnumSet<PgmqFeature> present = EnumSet.noneOf(PgmqFeature.class);
    boolean installed =
        runner
            .execute(
                "feature detection",
                null,
                DETECT_SQL,
                (rs, c) -> {
                  for (PgmqFeature f : all) {
                    if (c.getBoolean(rs, f.name())) {
                      present.add(f);
                    }
                  }
                  return c.getBoolean(rs, "installed");
                },
                new Object[0])
            .get(0);
    PgmqFeatures detected = new PgmqFeatures(present);
    if (installed) {
      CACHE.put(key, detected); // only cache once PGMQ is installed
    }
    return detected;
  }

  /** Forgets what was detected for {@code emf} (after an upgrade of PGMQ). */
  static void forget(EntityManagerFactory emf) {
    CACHE.remove(emf);
  }

  /** Whether the database has {@code feature}. */
  boolean has(PgmqFeature feature) {
    return present.contains(feature);
  }

  /**
   * Fails when the database lacks {@code feature}.
   *
   * @throws UnsupportedPgmqVersionException naming the operation and the version it needs
   */
  void require(PgmqFeature feature, String operation) {
    if (!present.contains(feature)) {
      throw new UnsupportedPgmqVersionException(
          operation
              + " requires PGMQ ≥ "
              + feature.since()
              + " (the database has no "
              + feature.signature()
              + ")");
    }
  }

  private static String detectSql() {
    StringBuilder sql =
        new StringBuilder(
            "select to_regprocedure('pgmq.send(text,jsonb)') is not null as installed");
    for (PgmqFeature f : PgmqFeature.values()) {
      sql.append(", to_regprocedure('")
          .append(f.signature())
          .append("') is not null as \"")
          .append(f.name())
          .append('"');
    }
    return sql.toString();
  }
}
