package dev.pgmq.outbox.consumer.internal;

import dev.pgmq.outbox.consumer.spi.NotifyConnectionFactory;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/** The default LISTEN connection: Hibernate's connection provider, else the JDBC URL settings. */
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
    try {
      return emf.unwrap(SessionFactoryImplementor.class)
          .getServiceRegistry()
          .getService(ConnectionProvider.class);
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
