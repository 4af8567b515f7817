package dev.pgmq.it.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgmq.it.architecture.SourceTree.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shape the module list promises, checked on the library's main sources: small files, no API
 * type tied in a knot with an internal one, and every operation written once (almost no methods
 * that only forward to a same-named method). Module boundaries: {@code ModuleBoundariesTest}.
 */
class ArchitectureRulesTest {

  private static final int MAX_LINES = 300;
  private static final int MAX_FORWARDING_METHODS = 20;

  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?(dev\\.pgmq\\.[\\w.]+?)(?:\\.\\*)?;", Pattern.MULTILINE);
  private static final Pattern QUALIFIED = Pattern.compile("\\b(dev\\.pgmq\\.[a-z.]+\\.[A-Z]\\w*)");

  /** A method whose whole body is one call {@code [return] target.sameName(args);}. */
  private static final Pattern FORWARDING =
      Pattern.compile(
          "(\\w+)\\s*\\(([^)]*)\\)\\s*(?:throws [\\w., ]+)?\\{\\s*(?:return\\s+)?"
              + "([\\w]+(?:\\(\\))?(?:\\.\\w+(?:\\(\\))?)*)\\.(\\w+)\\s*\\(([^;{}]*)\\);\\s*\\}");

  private final List<Source> sources = SourceTree.mainSources();

  @Test
  void sourcesAreFound() {
    assertThat(sources).hasSizeGreaterThan(100);
  }

  @Test
  void noMainSourceFileIsLongerThan300Lines() {
    List<String> long_ =
        sources.stream()
            .filter(s -> s.lines() > MAX_LINES)
            .map(s -> s.typeName() + " (" + s.lines() + " lines)")
            .toList();
    assertThat(long_).as("main source files over " + MAX_LINES + " lines").isEmpty();
  }

  @Test
  void noApiTypeAndInternalTypeDependOnEachOther() {
    Map<String, Source> byType =
        sources.stream().collect(Collectors.toMap(Source::typeName, Function.identity()));
    List<String> knots = new ArrayList<>();
    for (Source api : sources) {
      if (api.isInternal() || api.packageName().endsWith(".spi")) {
        continue;
      }
      for (String ref : references(api)) {
        Source internal = byType.get(ref);
        if (internal != null
            && internal.isInternal()
            && references(internal).contains(api.typeName())) {
          knots.add(api.typeName() + " <-> " + internal.typeName());
        }
      }
    }
    assertThat(knots).as("API types and internal types that reference each other").isEmpty();
  }

  @Test
  void atMostTwentyMethodsOnlyForwardToASameNamedMethod() {
    List<String> forwarding = new ArrayList<>();
    for (Source s : sources) {
      Matcher m = FORWARDING.matcher(s.text());
      while (m.find()) {
        String target = m.group(3);
        boolean sameName = m.group(1).equals(m.group(4));
        if (sameName && !target.equals("this") && !target.equals("super")) {
          List<String> args = split(m.group(5));
          boolean passesEveryParameter =
              split(m.group(2)).stream()
                  .map(p -> p.substring(p.lastIndexOf(' ') + 1))
                  .allMatch(args::contains);
          if (passesEveryParameter) {
            forwarding.add(s.typeName() + "." + m.group(1));
          }
        }
      }
    }
    assertThat(forwarding)
        .as(
            "methods whose body only passes their parameters to another object's method of the"
                + " same name: "
                + forwarding)
        .hasSizeLessThanOrEqualTo(MAX_FORWARDING_METHODS);
  }

  /** Top-level comma-separated parts of a parameter or argument list. */
  private static List<String> split(String list) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    StringBuilder part = new StringBuilder();
    for (char c : list.toCharArray()) {
      if (c == '<' || c == '(' || c == '[') {
        depth++;
      } else if (c == '>' || c == ')' || c == ']') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        parts.add(part.toString().trim());
        part.setLength(0);
      } else {
        part.append(c);
      }
    }
    if (!part.toString().isBlank()) {
      parts.add(part.toString().trim());
    }
    return parts;
  }

  /** The library types {@code source} names: imports, and fully qualified names in the code. */
  private static List<String> references(Source source) {
    List<String> refs = new ArrayList<>();
    Matcher i = IMPORT.matcher(source.text());
    while (i.find()) {
      refs.add(i.group(1));
    }
    Matcher q = QUALIFIED.matcher(source.text().replaceAll("(?m)^(package|import) .*$", ""));
    while (q.find()) {
      refs.add(q.group(1));
    }
    return refs;
  }
}
