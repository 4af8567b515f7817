package dev.pgmq.it.boundaries;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package suffix is the contract: the main sources of every module of the repository name no
 * other module's {@code .internal} package (siblings of pgmq-jpa use {@code dev.pgmq.jpa.spi}).
 */
class ModuleBoundariesTest {

  private static final Pattern OWN = Pattern.compile("(?m)^package dev\\.pgmq\\.(\\w+)");
  private static final Pattern INTERNAL =
      Pattern.compile("dev\\.pgmq\\.(\\w+)\\.(?:\\w+\\.)*internal\\b");

  @Test
  void mainSourcesUseNoOtherModulesInternalPackages() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    List<Path> sources = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path main :
          modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
        try (Stream<Path> files = Files.walk(main)) {
          files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
        }
      }
    }
    assertThat(sources)
        .as("main sources of the repository's modules")
        .anyMatch(f -> f.startsWith(root.resolve("pgmq-outbox")))
        .anyMatch(f -> f.startsWith(root.resolve("pgmq-spring-boot")));

    List<String> crossings = new ArrayList<>();
    for (Path file : sources) {
      String text = Files.readString(file);
      Matcher own = OWN.matcher(text);
      String module = own.find() ? own.group(1) : "";
      Matcher internal = INTERNAL.matcher(text);
      while (internal.find()) {
        if (!internal.group(1).equals(module)) {
          crossings.add(root.relativize(file) + ": " + internal.group());
        }
      }
    }
    assertThat(crossings).isEmpty();
  }
}
