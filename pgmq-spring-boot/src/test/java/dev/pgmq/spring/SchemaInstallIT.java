package dev.pgmq.spring;

import static dev.pgmq.spring.Apps.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgmq.spring.bare.BareApp;
import dev.pgmq.test.PgmqDatabaseTest;
import dev.pgmq.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** pgmq.schema.install on a database without PGMQ. */
@PgmqDatabaseTest(installPgmq = false)
class SchemaInstallIT {

  @Test
  void noneRefusesToStartWithoutPgmqThenSqlOnlyInstallsIt(TestDatabase db) {
    assertThatThrownBy(() -> Apps.start(db, BareApp.class, "pgmq.schema.install=none"))
        .satisfies(e -> assertThat(Apps.messages(e)).contains("PgmqSchemaException"));
    assertThat(count(db, "select count(*) from pg_namespace where nspname = 'pgmq'")).isZero();

    try (ConfigurableApplicationContext app =
        Apps.start(db, BareApp.class, "pgmq.schema.install=sql-only")) {
      assertThat(count(db, "select count(*) from pg_namespace where nspname = 'pgmq'"))
          .isEqualTo(1);
      assertThat(count(db, "select count(*) from pg_extension where extname = 'pgmq'")).isZero();
    }
    try (ConfigurableApplicationContext app =
        Apps.start(db, BareApp.class, "pgmq.schema.install=none")) {
      assertThat(app.isRunning()).isTrue();
    }
  }
}
