package dev.pgmq.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs a real PostgreSQL database.
 *
 * <p>The class gets a database of its own, created before its first test and dropped after its
 * last, on the server chosen by {@link ServerSelector}: {@code PGMQ_TEST_JDBC_URL} when set, else a
 * PGMQ container when a Docker engine is available, else an embedded PostgreSQL. Unless {@link
 * #installPgmq()} is {@code false}, PGMQ is installed in it through the library's own {@code
 * PgmqSchema}. Tests receive the database as a {@link TestDatabase} parameter (in constructors,
 * lifecycle methods and test methods).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(PgmqDatabaseExtension.class)
public @interface PgmqDatabaseTest {

  /** Whether to install PGMQ into the class's database before its tests run. */
  boolean installPgmq() default true;
}
