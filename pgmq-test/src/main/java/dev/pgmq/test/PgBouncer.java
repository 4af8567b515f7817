package dev.pgmq.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A PgBouncer in transaction-pooling mode in front of a test server, started from the {@code
 * pgbouncer} binary (Debian: {@code apt-get install -y pgbouncer}; another path through {@code
 * PGMQ_TEST_PGBOUNCER}) with a configuration written to a temporary directory, on a free local
 * port. Run as root it drops to user {@code postgres} ({@code -u postgres}), since PgBouncer
 * refuses to run as root. {@link #close()} stops it. See {@code docs/pgbouncer.md} for the
 * settings.
 */
public final class PgBouncer implements AutoCloseable {

  /** Environment variable naming the pgbouncer binary, when it is not on the usual paths. */
  public static final String BINARY_VARIABLE = "PGMQ_TEST_PGBOUNCER";

  /** The pgjdbc parameter transaction pooling needs: no server-side prepared statements. */
  public static final String JDBC_PARAMETERS = "prepareThreshold=0";

  private final Process process;
  private final Path dir;
  private final int port;

  private PgBouncer(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** The pgbouncer binary, if one is installed. */
  public static Optional<Path> binary() {
    List<String> candidates = new ArrayList<>();
    String configured = System.getenv(BINARY_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      candidates.add(configured);
    }
    candidates.add("/usr/sbin/pgbouncer");
    candidates.add("/usr/bin/pgbouncer");
    candidates.add("/usr/local/bin/pgbouncer");
    return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
  }

  /** Skips the calling test, with the reason, when no pgbouncer binary is installed. */
  public static void assumeInstalled() {
    Assumptions.assumeTrue(
        binary().isPresent(),
        "pgbouncer is not installed (apt-get install -y pgbouncer, or set "
            + BINARY_VARIABLE
            + ")");
  }

  /**
   * Starts PgBouncer (transaction pooling) in front of {@code server}, every database of it.
   *
   * @throws IllegalStateException when pgbouncer is missing or does not come up within 10 s
   */
  public static PgBouncer start(DatabaseServer server) {
    Path binary =
        binary().orElseThrow(() -> new IllegalStateException("pgbouncer is not installed"));
    try {
      Path dir = Files.createTempDirectory("pgmq-pgbouncer-");
      int port = freePort();
      Files.writeString(dir.resolve("pgbouncer.ini"), config(server, dir, port));
      Files.writeString(
          dir.resolve("userlist.txt"),
          "\"" + server.user() + "\" \"" + server.password() + "\"\n",
          StandardCharsets.UTF_8);
      List<String> command = new ArrayList<>(List.of(binary.toString()));
      if ("root".equals(System.getProperty("user.name"))) {
        // pgbouncer refuses to run as root: it switches to postgres, who must read and write dir
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        for (String f : List.of("pgbouncer.ini", "userlist.txt")) {
          Files.setPosixFilePermissions(
              dir.resolve(f), PosixFilePermissions.fromString("rw-r--r--"));
        }
        command.addAll(List.of("-u", "postgres"));
      }
      command.add(dir.resolve("pgbouncer.ini").toString());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("stdout.txt").toFile())
              .start();
      PgBouncer bouncer = new PgBouncer(process, dir, port);
      bouncer.awaitListening();
      return bouncer;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start pgbouncer", e);
    }
  }

  /** The configuration: the exact settings docs/pgbouncer.md lists. */
  static String config(DatabaseServer server, Path dir, int port) {
    return String.join(
        "\n",
        "[databases]",
        "* = host=" + server.host() + " port=" + server.port(),
        "",
        "[pgbouncer]",
        "listen_addr = 127.0.0.1",
        "listen_port = " + port,
        "unix_socket_dir =",
        "auth_type = trust",
        "auth_file = " + dir.resolve("userlist.txt"),
        "pool_mode = transaction",
        "max_client_conn = 500",
        "default_pool_size = 20",
        "ignore_startup_parameters = extra_float_digits",
        "logfile = " + dir.resolve("pgbouncer.log"),
        "pidfile = " + dir.resolve("pgbouncer.pid"),
        "");
  }

  /** The port PgBouncer listens on (127.0.0.1). */
  public int port() {
    return port;
  }

  /**
   * The JDBC URL of {@code database} through PgBouncer, with {@value #JDBC_PARAMETERS} and the
   * server's other URL parameters; credentials not included.
   */
  public String jdbcUrl(TestDatabase db) {
    String extra = db.server().extraParameters();
    return "jdbc:postgresql://127.0.0.1:"
        + port
        + "/"
        + db.name()
        + "?"
        + JDBC_PARAMETERS
        + (extra.isEmpty() ? "" : "&" + extra);
  }

  /** What PgBouncer logged so far (for failure messages). */
  public String log() {
    try {
      Path log = dir.resolve("pgbouncer.log");
      Path out = dir.resolve("stdout.txt");
      return (Files.exists(log) ? Files.readString(log) : "")
          + (Files.exists(out) ? Files.readString(out) : "");
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  private void awaitListening() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("pgbouncer exited (" + process.exitValue() + "): " + log());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        sleep(50);
      }
    }
    close();
    throw new IllegalStateException("pgbouncer did not listen on " + port + " in 10 s: " + log());
  }

  /** Stops PgBouncer (SIGTERM, then SIGKILL after 5 s) and waits for it. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "PgBouncer[127.0.0.1:" + port + ", transaction pooling]";
  }
}
