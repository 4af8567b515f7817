package dev.pgmq.test;

import dev.pgmq.jpa.PgmqSchema;
import dev.pgmq.jpa.SchemaMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class its own database on the shared server, with PGMQ installed through {@link
 * PgmqSchema} unless {@link PgmqDatabaseTest#installPgmq()} says otherwise. Use it through {@link
 * PgmqDatabaseTest}.
 */
public final class PgmqDatabaseExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(PgmqDatabaseExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    DatabaseServer server = Servers.get();
    Class<?> testClass = context.getRequiredTestClass();
    String name = databaseName(testClass);
    try (Connection admin = adminConnection(server);
        Statement s = admin.createStatement()) {
      s.execute("create database \"" + name + "\"");
    }
    TestDatabase db = new TestDatabase(server, name);
    PgmqDatabaseTest settings = testClass.getAnnotation(PgmqDatabaseTest.class);
    if (settings == null || settings.installPgmq()) {
      try (Connection c = db.connect()) {
        PgmqSchema.ensure(c, SchemaMode.EXTENSION_OR_SQL);
      }
    }
    context.getStore(NS).put(TestDatabase.class, db);
    CurrentDatabase.set(db);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    CurrentDatabase.set(find(context));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    CurrentDatabase.clear();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    CurrentDatabase.clear();
    TestDatabase db = context.getStore(NS).remove(TestDatabase.class, TestDatabase.class);
    if (db != null) {
      try (Connection admin = adminConnection(db.server());
          Statement s = admin.createStatement()) {
        s.execute("drop database if exists \"" + db.name() + "\" with (force)");
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return find(context);
  }

  private static TestDatabase find(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getStore(NS).get(TestDatabase.class) == null
        && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get();
    }
    TestDatabase db = classContext.getStore(NS).get(TestDatabase.class, TestDatabase.class);
    if (db == null) {
      throw new IllegalStateException(
          "no test database: annotate the class with @PgmqDatabaseTest");
    }
    return db;
  }

  static String databaseName(Class<?> testClass) {
    String simple = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (simple.length() > 30) {
      simple = simple.substring(0, 30);
    }
    return "pgmq_t_" + simple + "_" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static Connection adminConnection(DatabaseServer server) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", server.user());
    props.setProperty("password", server.password());
    return DriverManager.getConnection(server.jdbcUrl(server.adminDatabase()), props);
  }
}
