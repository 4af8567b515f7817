package dev.pgmq.it.wildfly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The sample WAR, built from the dependencies a user declares, carries the libraries and Jackson
 * only: Hibernate, the Jakarta APIs and the JDBC driver are the server's.
 */
class SampleWarIT {

  @Test
  void warCarriesTheLibrariesAndNeitherHibernateNorJpaNorTheDriver() throws Exception {
    List<String> libraries;
    try (ZipFile war = new ZipFile(Path.of(System.getProperty("wildfly.war")).toFile())) {
      libraries =
          war.stream()
              .map(ZipEntry::getName)
              .filter(name -> name.startsWith("WEB-INF/lib/") && name.endsWith(".jar"))
              .map(name -> name.substring("WEB-INF/lib/".length()))
              .toList();
    }

    assertThat(libraries)
        .anyMatch(jar -> jar.startsWith("pgmq-cdi-"))
        .anyMatch(jar -> jar.startsWith("pgmq-outbox-"))
        .anyMatch(jar -> jar.startsWith("pgmq-jpa-"))
        .anyMatch(jar -> jar.startsWith("jackson-databind-"))
        .noneMatch(jar -> jar.startsWith("hibernate-"))
        .noneMatch(jar -> jar.startsWith("jakarta."))
        .noneMatch(jar -> jar.startsWith("postgresql-"))
        .noneMatch(jar -> jar.startsWith("HikariCP-"));
  }
}
