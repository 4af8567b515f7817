package dev.pgmq.outbox.consumer.internal;

import dev.pgmq.outbox.consumer.spi.NotifyConnectionFactory;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * The default LISTEN connection: Hibernate's connection provider (also behind a CDI client proxy of
 * the factory), else the JDBC URL settings.
 */
public final class NotifyConnections {

  private NotifyConnections() {}

  /** A factory taking connections from {@code emf}. */
  public static NotifyConnectionFactory of(EntityManagerFactory emf) {
    return () -> open(emf);
  }

  private static Connection open(EntityManagerFactory emf) throws SQLException {
    ConnectionProvider provider = hibernateProvider(emf);
    if (provider != null) {
      return provider.getConnection();
    }
    Map<String, Object> props = emf.getProperties();
    Object url = first(props, "jakarta.persistence.jdbc.url", "hibernate.connection.url");
    if (url == null) {
      throw new SQLException(
          "no JDBC URL in the EntityManagerFactory's properties; configure a"
              + " notifyConnectionFactory for pollStrategy LISTEN");
    }
    Properties info = new Properties();
    Object user = first(props, "jakarta.persistence.jdbc.user", "hibernate.connection.username");
    Object password =
        first(props, "jakarta.persistence.jdbc.password", "hibernate.connection.password");
    if (user != null) {
      info.setProperty("user", user.toString());
    }
    if (password != null) {
      info.setProperty("password", password.toString());
    }
    return DriverManager.getConnection(url.toString(), info);
  }

  private static ConnectionProvider hibernateProvider(EntityManagerFactory emf) {
    SessionFactoryImplementor factory = sessionFactory(emf);
    return factory == null
        ? null
        : factory.getServiceRegistry().getService(ConnectionProvider.class);
  }

  /**
   * Hibernate's factory behind {@code emf}. A CDI client proxy of the factory hands itself out from
   * {@code unwrap}, so the factory is reached through one of its EntityManagers (which opens no
   * connection); {@code null} when the provider is not Hibernate.
   */
  private static SessionFactoryImplementor sessionFactory(EntityManagerFactory emf) {
    if (emf instanceof SessionFactoryImplementor direct) {
      return direct;
    }
    try {
      EntityManager em = emf.createEntityManager();
      try {
        return em.getEntityManagerFactory() instanceof SessionFactoryImplementor behind
            ? behind
            : null;
      } finally {
        em.close();
      }
    } catch (RuntimeException notHibernate) {
      return null;
    }
  }

  private static Object first(Map<String, Object> props, String... keys) {
    for (String key : keys) {
      Object value = props.get(key);
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
