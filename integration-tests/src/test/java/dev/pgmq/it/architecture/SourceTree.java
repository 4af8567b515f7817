package dev.pgmq.it.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The main Java sources of the library's modules, read from the repository. */
final class SourceTree {

  /** The library's modules and the package each owns. */
  static final List<Module> MODULES =
      List.of(
          new Module("pgmq-jpa", "dev.pgmq.jpa"),
          new Module("pgmq-outbox", "dev.pgmq.outbox"),
          new Module("pgmq-cdi", "dev.pgmq.cdi"),
          new Module("pgmq-spring-boot", "dev.pgmq.spring"),
          new Module("pgmq-test", "dev.pgmq.test"));

  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

  private SourceTree() {}

  record Module(String directory, String rootPackage) {}

  /** One main source file. */
  record Source(Module module, Path path, String text) {

    String packageName() {
      Matcher m = PACKAGE.matcher(text);
      return m.find() ? m.group(1) : "";
    }

    String typeName() {
      String file = path.getFileName().toString();
      return packageName() + "." + file.substring(0, file.length() - ".java".length());
    }

    long lines() {
      return text.lines().count();
    }

    boolean isInternal() {
      return packageName().contains(".internal");
    }
  }

  /** Every main Java source of every module present. */
  static List<Source> mainSources() {
    Path root = repositoryRoot();
    return MODULES.stream()
        .filter(m -> Files.isDirectory(root.resolve(m.directory())))
        .flatMap(m -> sourcesOf(m, root.resolve(m.directory()).resolve("src/main/java")))
        .toList();
  }

  private static Stream<Source> sourcesOf(Module module, Path dir) {
    if (!Files.isDirectory(dir)) {
      return Stream.empty();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(p -> p.toString().endsWith(".java"))
          .map(p -> new Source(module, p, read(p)))
          .toList()
          .stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("pgmq-jpa"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("run from inside the repository");
    }
    return dir;
  }
}
