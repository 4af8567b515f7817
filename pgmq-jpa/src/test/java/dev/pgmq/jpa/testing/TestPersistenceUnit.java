package dev.pgmq.jpa.testing;

import dev.pgmq.jpa.internal.CodePersistenceUnit;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tests' persistence units, defined in code: the subset of Hibernate 7's {@code
 * TestPersistenceUnit} the tests use, booted through the Jakarta Persistence SPI so the same tests
 * run on Hibernate 6.6 (Jakarta Persistence 3.1) and 7.x. Not thread-safe.
 */
public final class TestPersistenceUnit {

  private final String name;
  private final List<String> managedClasses = new ArrayList<>();
  private final Map<String, Object> properties = new LinkedHashMap<>();
  private boolean jta;

  public TestPersistenceUnit(String name) {
    this.name = name;
  }

  public TestPersistenceUnit managedClasses(Class<?>... classes) {
    for (Class<?> c : classes) {
      managedClasses.add(c.getName());
    }
    return this;
  }

  public TestPersistenceUnit jdbcUrl(String url) {
    return property("jakarta.persistence.jdbc.url", url);
  }

  public TestPersistenceUnit jdbcCredentials(String user, String password) {
    property("jakarta.persistence.jdbc.user", user);
    return property("jakarta.persistence.jdbc.password", password);
  }

  public TestPersistenceUnit jdbcPoolSize(int size) {
    return property("hibernate.connection.pool_size", String.valueOf(size));
  }

  /** A {@code org.hibernate.resource.jdbc.spi.StatementInspector} instance. */
  public TestPersistenceUnit statementInspector(Object inspector) {
    return property("hibernate.session_factory.statement_inspector", inspector);
  }

  /** JTA transactions instead of resource-local ones. */
  public TestPersistenceUnit jta() {
    this.jta = true;
    return this;
  }

  public TestPersistenceUnit property(String key, Object value) {
    properties.put(key, value);
    return this;
  }

  public TestPersistenceUnit properties(Map<String, ?> values) {
    properties.putAll(values);
    return this;
  }

  public EntityManagerFactory createEntityManagerFactory() {
    return CodePersistenceUnit.boot(name, managedClasses, jta, properties);
  }
}
