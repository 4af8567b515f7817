package dev.pgmq.jpa.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a client connects, parsed from a JDBC URL ({@code jdbc:postgresql://...}, passed through)
 * or a libpq-style DSN ({@code postgresql://user:pass@host:5432/db?sslmode=require}, also {@code
 * postgres://} and SQLAlchemy's {@code postgresql+driver://}).
 *
 * @param jdbcUrl the JDBC URL without the DSN's credentials
 * @param user the user from the DSN, or {@code null} (a JDBC URL carries its own)
 * @param password the password from the DSN, or {@code null}
 */
record ConnectionTarget(String jdbcUrl, String user, String password) {

  /** Parses {@code url}. */
  static ConnectionTarget parse(String url) {
    Objects.requireNonNull(url, "jdbcUrlOrDsn");
    String s = url.trim();
    if (s.startsWith("jdbc:postgresql:")) {
      return new ConnectionTarget(s, null, null);
    }
    int scheme = s.indexOf("://");
    String prefix = scheme < 0 ? "" : s.substring(0, scheme);
    if (!(prefix.equals("postgresql")
        || prefix.equals("postgres")
        || prefix.startsWith("postgresql+")
        || prefix.startsWith("postgres+"))) {
      throw new IllegalArgumentException(
          "jdbcUrlOrDsn must be a JDBC URL (jdbc:postgresql://...) or a DSN"
              + " (postgresql://user:password@host:5432/database), was '"
              + redact(s)
              + "'");
    }
    String rest = s.substring(scheme + 3);
    int slash = firstOf(rest, '/', '?');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String tail = slash < 0 ? "/" : rest.substring(slash);
    if (tail.startsWith("?")) {
      tail = "/" + tail;
    }
    String user = null;
    String password = null;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
      if (user.isEmpty()) {
        user = null;
      }
    }
    if (authority.isEmpty()) {
      authority = "localhost";
    }
    return new ConnectionTarget("jdbc:postgresql://" + authority + tail, user, password);
  }

  private static int firstOf(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : (j < 0 ? i : Math.min(i, j));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String redact(String s) {
    return s.replaceAll(":[^:@/]*@", ":***@");
  }

  @Override
  public String toString() {
    return "ConnectionTarget[" + jdbcUrl + ", user=" + user + "]";
  }
}
