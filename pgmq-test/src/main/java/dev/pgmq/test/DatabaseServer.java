package dev.pgmq.test;

/**
 * A running PostgreSQL server the tests may create databases on.
 *
 * @param kind where it comes from
 * @param host host name
 * @param port TCP port
 * @param adminDatabase an existing database to connect to for {@code CREATE DATABASE}
 * @param user a user allowed to create databases
 * @param password its password, may be empty
 * @param extraParameters further JDBC URL parameters (without leading {@code ?}), may be empty
 */
public record DatabaseServer(
    ServerKind kind,
    String host,
    int port,
    String adminDatabase,
    String user,
    String password,
    String extraParameters) {

  /** The JDBC URL of {@code database} on this server, credentials not included. */
  public String jdbcUrl(String database) {
    String base = "jdbc:postgresql://" + host + ":" + port + "/" + database;
    return extraParameters.isEmpty() ? base : base + "?" + extraParameters;
  }
}
