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
 * test that runs the same command — and every named test exists. The one exception is a command no
 * build machine can run (a real Kubernetes cluster, a public testnet, pulling images from the
 * internet): {@code <!-- not run in CI: why -->} says so where the reader sees the block, with the
 * reason, and the test lists them. Fences carry a language, so a command cannot hide in an untagged
 * block; usage synopses and sample output are {@code text}.
 */
class DocumentedCommandsTest {

  private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
  private static final Pattern MARKER = Pattern.compile("^<!-- ci: ([A-Za-z0-9_.,/ ]+) -->$");
  private static final Pattern NOT_RUN = Pattern.compile("^<!-- not run in CI: (.{10,}) -->$");
  private static final Pattern FENCE = Pattern.compile("^\\s*```(\\S*)\\s*$");

  @Test
  void everyShellBlock_namesTheTestThatRunsIt_andThatTestExists() throws IOException {
    Set<String> tests = testClassNames();
    List<String> problems = new ArrayList<>();
    List<String> notRun = new ArrayList<>();
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
          String before = i > 0 ? lines.get(i - 1).strip() : "";
          Matcher marker = MARKER.matcher(before);
          if (NOT_RUN.matcher(before).matches()) {
            notRun.add(where + ": " + before);
          } else if (!marker.matches()) {
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
    // Printed so the build log says which instructions only people run, and why.
    notRun.forEach(block -> System.out.println("not run in CI: " + block));
    assertThat(notRun).as("blocks no build machine can run").hasSizeLessThan(10);
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
