package dev.pgmq.jpa.internal;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;
import org.hibernate.jpa.HibernatePersistenceProvider;

/**
 * A persistence unit defined in code (no {@code persistence.xml}), booted on Hibernate's provider
 * through the Jakarta Persistence SPI, so it runs on Hibernate 6.6 (Jakarta Persistence 3.1) and
 * 7.x (3.2) alike.
 */
@SuppressWarnings("deprecation") // the SPI's transaction type is the one both API versions share
public final class CodePersistenceUnit implements PersistenceUnitInfo {

  private final String name;
  private final List<String> managedClassNames;
  private final PersistenceUnitTransactionType transactionType;
  private final ClassLoader classLoader;

  private CodePersistenceUnit(String name, List<String> managedClassNames, boolean jta) {
    this.name = Objects.requireNonNull(name, "name");
    this.managedClassNames = List.copyOf(managedClassNames);
    this.transactionType =
        jta ? PersistenceUnitTransactionType.JTA : PersistenceUnitTransactionType.RESOURCE_LOCAL;
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    this.classLoader = context != null ? context : CodePersistenceUnit.class.getClassLoader();
  }

  /**
   * Boots a unit over {@code managedClassNames}; {@code properties} are Hibernate/Jakarta
   * Persistence settings (values may be objects, such as a DataSource or a StatementInspector; null
   * values are left out).
   */
  public static EntityManagerFactory boot(
      String name, List<String> managedClassNames, boolean jta, Map<String, ?> properties) {
    Map<String, Object> settings = new HashMap<>();
    properties.forEach(
        (key, value) -> {
          if (value != null) {
            settings.put(key, value);
          }
        });
    return new HibernatePersistenceProvider()
        .createContainerEntityManagerFactory(
            new CodePersistenceUnit(name, managedClassNames, jta), settings);
  }

  @Override
  public String getPersistenceUnitName() {
    return name;
  }

  @Override
  public String getPersistenceProviderClassName() {
    return HibernatePersistenceProvider.class.getName();
  }

  /** Jakarta Persistence 3.2 (no {@code @Override}: absent from 3.1). */
  public String getScopeAnnotationName() {
    return null;
  }

  /** Jakarta Persistence 3.2 (no {@code @Override}: absent from 3.1). */
  public List<String> getQualifierAnnotationNames() {
    return List.of();
  }

  @Override
  public PersistenceUnitTransactionType getTransactionType() {
    return transactionType;
  }

  @Override
  public DataSource getJtaDataSource() {
    return null;
  }

  @Override
  public DataSource getNonJtaDataSource() {
    return null;
  }

  @Override
  public List<String> getMappingFileNames() {
    return List.of();
  }

  @Override
  public List<URL> getJarFileUrls() {
    return List.of();
  }

  @Override
  public URL getPersistenceUnitRootUrl() {
    return null;
  }

  @Override
  public List<String> getManagedClassNames() {
    return managedClassNames;
  }

  @Override
  public boolean excludeUnlistedClasses() {
    return true;
  }

  @Override
  public SharedCacheMode getSharedCacheMode() {
    return SharedCacheMode.UNSPECIFIED;
  }

  @Override
  public ValidationMode getValidationMode() {
    return ValidationMode.NONE;
  }

  @Override
  public Properties getProperties() {
    return new Properties();
  }

  @Override
  public String getPersistenceXMLSchemaVersion() {
    return "3.0";
  }

  @Override
  public ClassLoader getClassLoader() {
    return classLoader;
  }

  @Override
  public void addTransformer(ClassTransformer transformer) {
    // no bytecode enhancement for units defined in code
  }

  @Override
  public ClassLoader getNewTempClassLoader() {
    return classLoader;
  }
}
