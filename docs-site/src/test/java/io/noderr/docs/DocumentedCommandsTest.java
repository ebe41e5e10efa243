package io.noderr.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No instruction in the docs that the build does not run: every fenced {@code bash} block of
 * README.md and docs/ follows a {@code <!-- ci: Name -->} line naming the test (or {@code .ci/run})
 * that runs it — {@code DocsHowTosIT} runs the blocks that name it as written; the others name the
 * test that runs the same command — and every named test exists. Fences carry a language, so a
 * command cannot hide in an untagged block; usage synopses and sample output are {@code text}.
 */
class DocumentedCommandsTest {

  private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
  private static final Pattern MARKER = Pattern.compile("^<!-- ci: ([A-Za-z0-9_.,/ ]+) -->$");
  private static final Pattern FENCE = Pattern.compile("^\\s*```(\\S*)\\s*$");

  @Test
  void everyShellBlock_namesTheTestThatRunsIt_andThatTestExists() throws IOException {
    Set<String> tests = testClassNames();
    List<String> problems = new ArrayList<>();
    for (String source : DocsSite.markdownSources(REPOSITORY)) {
      List<String> lines = Files.readAllLines(REPOSITORY.resolve(source));
      boolean inFence = false;
      for (int i = 0; i < lines.size(); i++) {
        Matcher fence = FENCE.matcher(lines.get(i));
        if (!fence.matches()) {
          continue;
        }
        if (inFence) {
          inFence = false;
          continue;
        }
        inFence = true;
        String where = source + ":" + (i + 1);
        String language = fence.group(1);
        if (language.isEmpty()) {
          problems.add(where + " a fence without a language (bash, text, json, …)");
        } else if (language.equals("bash") || language.equals("sh")) {
          Matcher marker = i > 0 ? MARKER.matcher(lines.get(i - 1).strip()) : null;
          if (marker == null || !marker.matches()) {
            problems.add(where + " a shell block without <!-- ci: TestName --> before it");
          } else {
            for (String test : marker.group(1).split("\\s*,\\s*")) {
              if (!test.equals(".ci/run") && !tests.contains(test)) {
                problems.add(where + " names " + test + ", which is no test in the repository");
              }
            }
          }
        }
      }
    }
    assertThat(problems).as("shell blocks the build does not run").isEmpty();
  }

  /** Simple names of every test class (and test script) in the repository. */
  private static Set<String> testClassNames() throws IOException {
    try (Stream<Path> files = Files.walk(REPOSITORY)) {
      return files
          .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("node_modules"))
          .filter(p -> p.toString().contains("/test/"))
          .map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".java") || name.endsWith(".sh"))
          .map(name -> name.endsWith(".java") ? name.substring(0, name.length() - 5) : name)
          .collect(Collectors.toSet());
    }
  }
}
