package dev.pgmq.test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses a PostgreSQL JDBC URL into a {@link DatabaseServer}; pure logic. */
final class JdbcUrls {

  private static final Pattern URL =
      Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?/([^?]*)(?:\\?(.*))?");

  private JdbcUrls() {}

  static DatabaseServer parse(String url, ServerKind kind) {
    Matcher m = URL.matcher(url.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a jdbc:postgresql://host[:port]/database[?params] URL: " + url);
    }
    String user = "postgres";
    String password = "";
    List<String> rest = new ArrayList<>();
    if (m.group(4) != null && !m.group(4).isEmpty()) {
      for (String pair : m.group(4).split("&")) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        switch (key) {
          case "user" -> user = value;
          case "password" -> password = value;
          default -> rest.add(pair);
        }
      }
    }
    int port = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
    String database = m.group(3).isEmpty() ? "postgres" : m.group(3);
    return new DatabaseServer(
        kind, m.group(1), port, database, user, password, String.join("&", rest));
  }
}
