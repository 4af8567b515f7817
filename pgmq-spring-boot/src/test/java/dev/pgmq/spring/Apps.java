package dev.pgmq.spring;

import dev.pgmq.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts test applications on a test database and reads the database directly. */
final class Apps {

  private Apps() {}

  /** Starts {@code application}; {@code properties} win over its application.properties. */
  static ConfigurableApplicationContext start(
      TestDatabase db, Class<?> application, String... properties) {
    return new SpringApplicationBuilder(application)
        .web(WebApplicationType.NONE)
        .run(arguments(db, properties));
  }

  private static String[] arguments(TestDatabase db, String... properties) {
    List<String> all = new ArrayList<>();
    all.add("spring.datasource.url=" + db.jdbcUrlWithCredentials());
    all.add("spring.datasource.hikari.maximum-pool-size=8");
    all.add("spring.jpa.hibernate.ddl-auto=update");
    all.add("spring.jpa.open-in-view=false");
    all.add("spring.main.banner-mode=off");
    all.add("logging.level.root=warn");
    all.add("logging.level.org.hibernate.orm.deprecation=error");
    all.addAll(List.of(properties));
    return all.stream().map(p -> "--" + p).toArray(String[]::new);
  }

  static long count(TestDatabase db, String sql) {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (Exception e) {
      throw new IllegalStateException(sql, e);
    }
  }

  static void execute(TestDatabase db, String sql) {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (Exception e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** The message of {@code t} and of all its causes, for checks on start-up failures. */
  static String messages(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c.getClass().getName()).append(": ").append(c.getMessage()).append('\n');
    }
    return b.toString();
  }
}
