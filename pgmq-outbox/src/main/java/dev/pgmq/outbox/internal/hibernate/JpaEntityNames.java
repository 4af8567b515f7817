package dev.pgmq.outbox.internal.hibernate;

import jakarta.persistence.EntityManagerFactory;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.hibernate.persister.entity.EntityPersister;

/**
 * The Jakarta Persistence entity name of a persister (the envelope's aggregate type), read once per
 * entity class from the standard metamodel: {@code EntityPersister.getJpaEntityName()} exists only
 * from Hibernate 7.0.
 */
final class JpaEntityNames {

  private final ConcurrentMap<String, String> names = new ConcurrentHashMap<>();

  String of(EntityPersister persister) {
    return names.computeIfAbsent(persister.getEntityName(), name -> lookUp(persister));
  }

  private static String lookUp(EntityPersister persister) {
    EntityManagerFactory factory = persister.getFactory();
    try {
      return factory.getMetamodel().entity(persister.getMappedClass()).getName();
    } catch (IllegalArgumentException notAnEntityClass) {
      return persister.getEntityName(); // a dynamic (map) entity: its Hibernate name is its name
    }
  }
}
