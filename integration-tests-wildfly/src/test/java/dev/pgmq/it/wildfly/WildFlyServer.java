package dev.pgmq.it.wildfly;

import dev.pgmq.test.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A WildFly installation unpacked from Maven Central, configured offline for a test database
 * ({@code jboss-cli.sh} with an embedded server: a pgjdbc module, a datasource, the default
 * datasource binding), started and stopped as a process bound to 127.0.0.1 with a free port offset,
 * and given one WAR through its deployment scanner. One test class uses it at a time.
 */
final class WildFlyServer implements AutoCloseable {

  static final String DATASOURCE = "java:jboss/datasources/PgmqDS";
  private static final String WAR = "app.war";
  private static final Duration BOOT = Duration.ofMinutes(3);

  private final Path home;
  private final Path standalone;
  private Process process;
  private int offset;
  private int boots;

  private WildFlyServer(Path home) {
    this.home = home;
    this.standalone = home.resolve("standalone");
  }

  /**
   * The installation in {@code home}, reset to its pristine configuration (no deployments, data or
   * logs) and configured for {@code db}, with the driver from {@code jdbcDriver}.
   */
  static WildFlyServer configure(Path home, TestDatabase db, Path jdbcDriver) throws Exception {
    WildFlyServer server = new WildFlyServer(home);
    server.reset();
    server.runCli(
        String.join(
            "\n",
            "module add --name=org.postgresql --resources="
                + jdbcDriver.toAbsolutePath()
                + " --dependencies=java.logging,jakarta.transaction.api",
            "embed-server --std-out=discard --server-config=standalone.xml",
            "/subsystem=datasources/jdbc-driver=postgresql:add(driver-name=postgresql,"
                + "driver-module-name=org.postgresql,driver-class-name=org.postgresql.Driver)",
            "data-source add --name=PgmqDS --jndi-name="
                + DATASOURCE
                + " --driver-name=postgresql --connection-url=\""
                + db.jdbcUrl()
                + "\" --user-name="
                + db.user()
                + (db.password().isEmpty() ? "" : " --password=" + db.password())
                + " --max-pool-size=20",
            "/subsystem=ee/service=default-bindings:write-attribute(name=datasource,value="
                + DATASOURCE
                + ")",
            "stop-embedded-server",
            ""));
    return server;
  }

  /** Starts the server and waits until it has booted. */
  void start() throws Exception {
    offset = freeOffset();
    boots++;
    Path console = standalone.resolve("log").resolve("console-" + boots + ".log");
    Files.createDirectories(console.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(
                home.resolve("bin/standalone.sh").toString(),
                "-Djboss.socket.binding.port-offset=" + offset,
                "-Djboss.bind.address=127.0.0.1",
                "-Djboss.bind.address.management=127.0.0.1")
            .redirectErrorStream(true)
            .redirectOutput(console.toFile());
    builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("JAVA_OPTS", "-Xms128m -Xmx768m -Djava.net.preferIPv4Stack=true");
    process = builder.start();
    if (boots == 1) {
      // a test JVM that ends early does not leave its server running
      Runtime.getRuntime().addShutdownHook(new Thread(this::kill, "wildfly-kill"));
    }
    Instant deadline = Instant.now().plus(BOOT);
    while (Instant.now().isBefore(deadline)) {
      String out = Files.readString(console, StandardCharsets.UTF_8);
      if (out.contains("WFLYSRV0025")) {
        return;
      }
      if (out.contains("WFLYSRV0026") || !process.isAlive()) {
        throw new IllegalStateException("WildFly did not boot cleanly:\n" + tail(out));
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "WildFly did not boot within " + BOOT + ":\n" + tail(Files.readString(console)));
  }

  /** Stops the server gracefully (SIGTERM, which the start script forwards) and waits for it. */
  synchronized void stop() throws InterruptedException {
    if (process == null) {
      return;
    }
    List<ProcessHandle> all =
        Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
    process.destroy();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      all.forEach(ProcessHandle::destroyForcibly);
    }
    for (ProcessHandle p : all) {
      p.onExit().toCompletableFuture().orTimeout(1, TimeUnit.MINUTES).join();
    }
    process = null;
  }

  private synchronized void kill() {
    Process p = process;
    if (p != null && p.isAlive()) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  /** Deploys {@code war} and waits for the scanner's verdict; fails on a failed deployment. */
  void deploy(Path war) throws Exception {
    Path deployments = standalone.resolve("deployments");
    Files.deleteIfExists(deployments.resolve(WAR + ".undeployed"));
    Files.copy(war, deployments.resolve(WAR), StandardCopyOption.REPLACE_EXISTING);
    awaitMarker(WAR + ".deployed");
  }

  /** Undeploys the WAR (the application stops as it would on a redeploy) and waits for it. */
  void undeploy() throws Exception {
    Files.delete(standalone.resolve("deployments").resolve(WAR));
    awaitMarker(WAR + ".undeployed");
  }

  /** A URI of the deployed application. */
  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + (8080 + offset) + "/app" + path);
  }

  /** The lines of {@code server.log} so far, over every boot. */
  List<String> serverLog() throws IOException {
    return Files.readAllLines(standalone.resolve("log/server.log"), StandardCharsets.UTF_8);
  }

  private void awaitMarker(String marker) throws Exception {
    Path deployments = standalone.resolve("deployments");
    Instant deadline = Instant.now().plus(BOOT);
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(deployments.resolve(marker))) {
        return;
      }
      Path failed = deployments.resolve(WAR + ".failed");
      if (Files.exists(failed)) {
        throw new IllegalStateException(
            "deployment failed: " + Files.readString(failed) + "\n" + tail(logText()));
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("no " + marker + " within " + BOOT + "\n" + tail(logText()));
  }

  private String logText() throws IOException {
    return String.join("\n", serverLog());
  }

  private void reset() throws IOException {
    Path configuration = standalone.resolve("configuration");
    Path pristine = configuration.resolve("standalone.xml.pristine");
    if (!Files.exists(pristine)) {
      Files.copy(configuration.resolve("standalone.xml"), pristine);
    }
    Files.copy(
        pristine, configuration.resolve("standalone.xml"), StandardCopyOption.REPLACE_EXISTING);
    for (String dir : List.of("data", "tmp", "log", "configuration/standalone_xml_history")) {
      deleteTree(standalone.resolve(dir));
    }
    try (Stream<Path> deployed = Files.list(standalone.resolve("deployments"))) {
      for (Path p : deployed.filter(p -> p.getFileName().toString().startsWith(WAR)).toList()) {
        Files.delete(p);
      }
    }
    deleteTree(home.resolve("modules/org/postgresql"));
  }

  private void runCli(String script) throws Exception {
    Path file = Files.createTempFile(standalone.getParent(), "configure", ".cli");
    Files.writeString(file, script);
    ProcessBuilder builder =
        new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(), "--file=" + file)
            .redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process cli = builder.start();
    String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!cli.waitFor(3, TimeUnit.MINUTES) || cli.exitValue() != 0) {
      throw new IllegalStateException("jboss-cli failed:\n" + script + "\n" + out);
    }
    Files.delete(file);
  }

  /** A port offset at which the HTTP and management ports are free on 127.0.0.1. */
  private static int freeOffset() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int candidate = 100 * ThreadLocalRandom.current().nextInt(1, 400);
      if (free(8080 + candidate) && free(9990 + candidate) && free(8443 + candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no free port offset found");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }

  private static String tail(String text) {
    String[] lines = text.split("\n");
    return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 60), lines.length));
  }
}
