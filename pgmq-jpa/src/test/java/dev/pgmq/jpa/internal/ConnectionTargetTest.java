package dev.pgmq.jpa.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConnectionTargetTest {

  @Test
  void dsnIsSplitIntoJdbcUrlUserAndPassword() {
    ConnectionTarget t = ConnectionTarget.parse("postgresql://app:s3cret@db.example.com:6543/shop");
    assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/shop");
    assertThat(t.user()).isEqualTo("app");
    assertThat(t.password()).isEqualTo("s3cret");
  }

  @Test
  void postgresSchemeAndDriverSuffixAreAccepted() {
    assertThat(ConnectionTarget.parse("postgres://u:p@h:5432/d").jdbcUrl())
        .isEqualTo("jdbc:postgresql://h:5432/d");
    assertThat(ConnectionTarget.parse("postgresql+psycopg://u:p@h:5432/d").jdbcUrl())
        .isEqualTo("jdbc:postgresql://h:5432/d");
  }

  @Test
  void percentEncodedCredentialsAreDecoded() {
    ConnectionTarget t = ConnectionTarget.parse("postgresql://us%40er:p%3Aa%2Fss+w@h/d");
    assertThat(t.user()).isEqualTo("us@er");
    assertThat(t.password()).isEqualTo("p:a/ss+w");
  }

  @Test
  void queryParametersPortlessHostsAndMissingPartsAreKept() {
    ConnectionTarget t = ConnectionTarget.parse("postgresql://h/d?sslmode=require");
    assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://h/d?sslmode=require");
    assertThat(t.user()).isNull();
    assertThat(t.password()).isNull();
    assertThat(ConnectionTarget.parse("postgresql://u@h:5433").jdbcUrl())
        .isEqualTo("jdbc:postgresql://h:5433/");
    assertThat(ConnectionTarget.parse("postgresql://u@h:5433").password()).isNull();
    assertThat(ConnectionTarget.parse("postgresql:///d").jdbcUrl())
        .isEqualTo("jdbc:postgresql://localhost/d");
  }

  @Test
  void jdbcUrlsPassThroughUnchanged() {
    String url = "jdbc:postgresql://h:5432/d?user=u&password=p";
    ConnectionTarget t = ConnectionTarget.parse(url);
    assertThat(t.jdbcUrl()).isEqualTo(url);
    assertThat(t.user()).isNull();
  }

  @Test
  void otherSchemesAreRejectedWithoutEchoingThePassword() {
    assertThatThrownBy(() -> ConnectionTarget.parse("mysql://u:topsecret@h/d"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("topsecret");
    assertThatThrownBy(() -> ConnectionTarget.parse("orders"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
