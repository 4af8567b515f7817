package dev.pgmq.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * One test class's own database. Thread-safe; every {@link #connect()} opens a new connection that
 * the caller closes.
 */
public final class TestDatabase {

  private final DatabaseServer server;
  private final String name;
  private final AtomicInteger names = new AtomicInteger();

  TestDatabase(DatabaseServer server, String name) {
    this.server = server;
    this.name = name;
  }

  /** The database name. */
  public String name() {
    return name;
  }

  /** Which kind of server this database lives on. */
  public ServerKind serverKind() {
    return server.kind();
  }

  /** The server this database lives on. */
  public DatabaseServer server() {
    return server;
  }

  /** JDBC URL without credentials. */
  public String jdbcUrl() {
    return server.jdbcUrl(name);
  }

  /** JDBC URL with {@code user} and {@code password} parameters, usable on its own. */
  public String jdbcUrlWithCredentials() {
    String url = jdbcUrl();
    String sep = url.contains("?") ? "&" : "?";
    String withUser = url + sep + "user=" + server.user();
    return server.password().isEmpty() ? withUser : withUser + "&password=" + server.password();
  }

  /** The user name. */
  public String user() {
    return server.user();
  }

  /** The password, possibly empty. */
  public String password() {
    return server.password();
  }

  /** Opens a new JDBC connection (auto-commit on) to this database. */
  public Connection connect() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", server.user());
    props.setProperty("password", server.password());
    return DriverManager.getConnection(jdbcUrl(), props);
  }

  /** JPA properties that point a persistence unit at this database. */
  public Map<String, Object> jpaProperties() {
    Map<String, Object> props = new HashMap<>();
    props.put("jakarta.persistence.jdbc.url", jdbcUrl());
    props.put("jakarta.persistence.jdbc.user", server.user());
    props.put("jakarta.persistence.jdbc.password", server.password());
    return props;
  }

  /** A queue name unique within this database, {@code prefix} followed by a counter. */
  public String uniqueName(String prefix) {
    return prefix + "_" + names.incrementAndGet();
  }

  /** Whether the server offers the {@code pg_partman} extension. */
  public boolean partmanAvailable() {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("select 1 from pg_available_extensions where name = 'pg_partman'")) {
      return rs.next();
    } catch (SQLException e) {
      throw new IllegalStateException("could not query pg_available_extensions", e);
    }
  }

  /** Skips the calling test, with a reason, when the server has no {@code pg_partman}. */
  public void assumePartman() {
    Assumptions.assumeTrue(
        partmanAvailable(),
        "pg_partman is not available on this PostgreSQL server ("
            + server.kind()
            + "); install postgresql-15-partman to run partitioned-queue tests");
  }

  @Override
  public String toString() {
    return name + " on " + server.kind() + " " + server.host() + ":" + server.port();
  }
}
