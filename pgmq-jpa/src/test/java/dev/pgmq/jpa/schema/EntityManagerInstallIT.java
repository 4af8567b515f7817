package dev.pgmq.jpa.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgmq.jpa.PgmqSchema;
import dev.pgmq.jpa.SchemaMode;
import dev.pgmq.jpa.SchemaStatus;
import dev.pgmq.jpa.SchemaStatus.Change;
import dev.pgmq.jpa.SchemaStatus.Kind;
import dev.pgmq.jpa.testing.TestPersistenceUnit;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** {@link PgmqSchema#ensure(EntityManager, SchemaMode)} on Hibernate's own connection. */
@PgmqDatabaseTest(installPgmq = false)
class EntityManagerInstallIT {

  @Test
  void withoutATransactionItInstallsAndCommitsOnItsOwn(TestDatabase db) throws Exception {
    try (ScratchDatabase scratch = ScratchDatabase.create(db);
        EntityManagerFactory emf = factory(scratch);
        EntityManager em = emf.createEntityManager()) {
      SchemaStatus status = PgmqSchema.ensure(em, SchemaMode.SQL_ONLY);
      assertThat(status).isEqualTo(new SchemaStatus(Kind.SQL, "1.13.1", Change.INSTALLED));
      assertThat(em.getTransaction().isActive()).isFalse();
      try (Connection c = scratch.connect()) {
        assertThat((Object) new Sql(c).one("select to_regclass('pgmq.meta')::text"))
            .isEqualTo("pgmq.meta");
      }
      assertThat(PgmqSchema.ensure(em, SchemaMode.NONE).change()).isEqualTo(Change.NONE);
    }
  }

  @Test
  void insideAnActiveTransactionItJoinsItAndRollsBackWithIt(TestDatabase db) throws Exception {
    try (ScratchDatabase scratch = ScratchDatabase.create(db);
        EntityManagerFactory emf = factory(scratch);
        EntityManager em = emf.createEntityManager()) {
      em.getTransaction().begin();
      assertThat(PgmqSchema.ensure(em, SchemaMode.EXTENSION_OR_SQL).installedNow()).isTrue();
      assertThat(
              em.createNativeQuery(
                      "select pgmq.send(q, '{}'::jsonb) from pgmq.create('em_q'),"
                          + " (values ('em_q')) v(q)")
                  .getSingleResult())
          .isEqualTo(1L);
      em.getTransaction().rollback();
      try (Connection c = scratch.connect()) {
        assertThat((Object) new Sql(c).one("select to_regnamespace('pgmq')")).isNull();
      }
      em.getTransaction().begin();
      PgmqSchema.ensure(em, SchemaMode.EXTENSION_OR_SQL);
      em.getTransaction().commit();
      try (Connection c = scratch.connect()) {
        assertThat((Object) new Sql(c).one("select to_regnamespace('pgmq')::text"))
            .isEqualTo("pgmq");
      }
    }
  }

  private static EntityManagerFactory factory(ScratchDatabase scratch) {
    return new TestPersistenceUnit("schema-install")
        .jdbcUrl(scratch.jdbcUrl())
        .jdbcCredentials(scratch.user(), scratch.password())
        .jdbcPoolSize(2)
        .createEntityManagerFactory();
  }
}
