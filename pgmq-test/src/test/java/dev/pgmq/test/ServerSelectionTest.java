package dev.pgmq.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerSelectionTest {

  @Test
  void environmentUrlWinsWithoutAskingDocker() {
    ServerKind kind =
        ServerSelector.select(
            Map.of(ServerSelector.URL_VARIABLE, "jdbc:postgresql://db:5432/app"),
            () -> {
              throw new AssertionError("Docker must not be probed when the URL is set");
            });
    assertThat(kind).isEqualTo(ServerKind.ENVIRONMENT);
  }

  @Test
  void blankUrlIsIgnored() {
    assertThat(ServerSelector.select(Map.of(ServerSelector.URL_VARIABLE, "  "), () -> false))
        .isEqualTo(ServerKind.EMBEDDED);
  }

  @Test
  void containerWhenDockerAnswersAndNoUrl() {
    assertThat(ServerSelector.select(Map.of(), () -> true)).isEqualTo(ServerKind.CONTAINER);
  }

  @Test
  void embeddedWhenNeitherUrlNorDocker() {
    assertThat(ServerSelector.select(Map.of(), () -> false)).isEqualTo(ServerKind.EMBEDDED);
  }

  @Test
  void environmentUrlIsParsedIntoServer() {
    DatabaseServer server =
        JdbcUrls.parse(
            "jdbc:postgresql://127.0.0.1:6543/postgres?user=app&password=s%40cret&sslmode=disable",
            ServerKind.ENVIRONMENT);
    assertThat(server.host()).isEqualTo("127.0.0.1");
    assertThat(server.port()).isEqualTo(6543);
    assertThat(server.adminDatabase()).isEqualTo("postgres");
    assertThat(server.user()).isEqualTo("app");
    assertThat(server.password()).isEqualTo("s@cret");
    assertThat(server.jdbcUrl("other"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:6543/other?sslmode=disable");
  }

  @Test
  void malformedEnvironmentUrlIsRejected() {
    assertThatThrownBy(() -> JdbcUrls.parse("postgres://x/y", ServerKind.ENVIRONMENT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:postgresql://");
  }

  @Test
  void sharedServerFollowsTheEnvironment() {
    String url = System.getenv(ServerSelector.URL_VARIABLE);
    DatabaseServer server = Servers.get();
    if (url != null && !url.isBlank()) {
      assertThat(server.kind()).isEqualTo(ServerKind.ENVIRONMENT);
      assertThat(server).isEqualTo(JdbcUrls.parse(url, ServerKind.ENVIRONMENT));
    } else {
      assertThat(server.kind()).isIn(ServerKind.CONTAINER, ServerKind.EMBEDDED);
    }
  }

  @Test
  void embeddedServerStartsAndAnswers() throws Exception {
    DatabaseServer embedded = Servers.start(ServerKind.EMBEDDED);
    assertThat(embedded.kind()).isEqualTo(ServerKind.EMBEDDED);
    TestDatabase db = new TestDatabase(embedded, embedded.adminDatabase());
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("show server_version_num")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(150000);
    }
  }
}
