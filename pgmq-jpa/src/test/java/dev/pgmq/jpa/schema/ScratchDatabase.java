package dev.pgmq.jpa.schema;

import dev.pgmq.test.DatabaseServer;
import dev.pgmq.test.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/** A fresh, empty database on the test server for one installer test; dropped on close. */
final class ScratchDatabase implements AutoCloseable {

  private final DatabaseServer server;
  private final String name;

  private ScratchDatabase(DatabaseServer server, String name) {
    this.server = server;
    this.name = name;
  }

  static ScratchDatabase create(TestDatabase db) throws SQLException {
    String name = "pgmq_scratch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    ScratchDatabase scratch = new ScratchDatabase(db.server(), name);
    try (Connection admin = scratch.connect(db.server().adminDatabase());
        Statement s = admin.createStatement()) {
      s.execute("create database \"" + name + "\"");
    }
    return scratch;
  }

  String name() {
    return name;
  }

  String jdbcUrl() {
    return server.jdbcUrl(name);
  }

  String user() {
    return server.user();
  }

  String password() {
    return server.password();
  }

  Connection connect() throws SQLException {
    return connect(name);
  }

  private Connection connect(String database) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", server.user());
    props.setProperty("password", server.password());
    return DriverManager.getConnection(server.jdbcUrl(database), props);
  }

  @Override
  public void close() throws SQLException {
    try (Connection admin = connect(server.adminDatabase());
        Statement s = admin.createStatement()) {
      s.execute("drop database if exists \"" + name + "\" with (force)");
    }
  }
}
