package io.noderr.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/troubleshooting.md against the code, so the guide cannot drift: every message it quotes
 * still exists in the sources, and the three closed lists a user meets — the node update failure
 * types, the installer's exit codes and the contracts' custom errors — each have a row.
 */
class TroubleshootingGuideTest {

  private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
  private static final Path GUIDE = REPOSITORY.resolve("docs/troubleshooting.md");

  /** The first cell of a table row, when it is one code span: {@code | `message` | ...}. */
  private static final Pattern QUOTED_ROW = Pattern.compile("^\\| `([^`]+)` \\|");

  /** A part of a message shorter than this proves nothing about where it came from. */
  private static final int SHORTEST_FRAGMENT = 8;

  private static String guide;
  private static String sources;

  @BeforeAll
  static void read() throws IOException {
    guide = Files.readString(GUIDE);
    StringBuilder all = new StringBuilder();
    for (Path source : mainSources()) {
      all.append(Files.readString(source)).append('\n');
    }
    // "one part" + " and the next" reads as the message a user sees.
    sources = all.toString().replaceAll("\"\\s*\\+\\s*\"", "");
  }

  @Test
  void everyQuotedMessage_stillExistsInTheSources() {
    List<String> missing = new ArrayList<>();
    for (String quoted : quotedMessages()) {
      for (String fragment : quoted.split("…")) {
        String text = fragment.strip().length() >= SHORTEST_FRAGMENT ? fragment : "";
        if (!text.isEmpty() && !sources.contains(text) && !sources.contains(text.strip())) {
          missing.add("`" + quoted + "` (no \"" + text.strip() + "\")");
        }
      }
    }
    assertThat(quotedMessages()).as("messages quoted in the guide").hasSizeGreaterThan(40);
    assertThat(missing).as("messages the guide quotes that the code no longer has").isEmpty();
  }

  @Test
  void everyNodeUpdateFailureType_hasARow() throws IOException {
    String failureTypes =
        Files.readString(
            REPOSITORY.resolve(
                "activities/src/main/java/io/noderr/activities/node/NodeUpdateResult.java"));
    Matcher enumBody =
        Pattern.compile("enum FailureType \\{([^}]*)\\}", Pattern.DOTALL).matcher(failureTypes);
    assertThat(enumBody.find()).isTrue();
    Set<String> constants =
        Pattern.compile("\\b([A-Z][A-Z_]+)\\b")
            .matcher(enumBody.group(1).replaceAll("/\\*\\*.*?\\*/", ""))
            .results()
            .map(m -> m.group(1))
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(constants).hasSizeGreaterThan(5);
    assertThat(quotedMessages()).containsAll(constants);
  }

  @Test
  void everyExitCodeOfTheInstaller_hasARow() throws IOException {
    String installer = Files.readString(REPOSITORY.resolve("install/install.sh"));
    Set<Integer> codes =
        Pattern.compile("^\\s+(\\d+) [a-zA-Z]", Pattern.MULTILINE)
            .matcher(usageExitCodes(installer))
            .results()
            .map(m -> Integer.parseInt(m.group(1)))
            .collect(Collectors.toCollection(TreeSet::new));
    codes.addAll(
        Pattern.compile("\\s{2,}(\\d+) [a-zA-Z]")
            .matcher(usageExitCodes(installer))
            .results()
            .map(m -> Integer.parseInt(m.group(1)))
            .toList());
    Set<Integer> documented =
        Pattern.compile("^\\| (\\d+) \\|", Pattern.MULTILINE)
            .matcher(section("## Installer exit codes"))
            .results()
            .map(m -> Integer.parseInt(m.group(1)))
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(codes).as("the installer's exit codes (its usage text)").contains(0, 8, 14);
    assertThat(documented).isEqualTo(codes);
  }

  @Test
  void everyCustomErrorOfTheContracts_hasARow() throws IOException {
    Set<String> errors = new TreeSet<>();
    try (Stream<Path> contracts = Files.list(REPOSITORY.resolve("contracts/src/main/solidity"))) {
      for (Path contract : contracts.filter(p -> p.toString().endsWith(".sol")).toList()) {
        Pattern.compile("^\\s*error ([A-Z][A-Za-z]+)\\(", Pattern.MULTILINE)
            .matcher(Files.readString(contract))
            .results()
            .forEach(m -> errors.add(m.group(1)));
      }
    }
    assertThat(errors).hasSizeGreaterThan(40);
    assertThat(quotedMessages()).containsAll(errors);
  }

  /** The first cell of every table row that is a code span, in order. */
  private static Set<String> quotedMessages() {
    Set<String> quoted = new LinkedHashSet<>();
    guide
        .lines()
        .map(QUOTED_ROW::matcher)
        .filter(Matcher::find)
        .forEach(m -> quoted.add(m.group(1)));
    return quoted;
  }

  private static String section(String heading) {
    int start = guide.indexOf(heading);
    assertThat(start).as("the guide has a section " + heading).isNotNegative();
    int end = guide.indexOf("\n## ", start + heading.length());
    return guide.substring(start, end < 0 ? guide.length() : end);
  }

  private static String usageExitCodes(String installer) {
    int start = installer.indexOf("exit codes:");
    assertThat(start).as("install.sh's usage lists its exit codes").isNotNegative();
    return installer.substring(start, installer.indexOf("USAGE", start));
  }

  private static List<Path> mainSources() throws IOException {
    List<Path> found = new ArrayList<>(List.of(REPOSITORY.resolve("noderr")));
    try (Stream<Path> files = Files.walk(REPOSITORY)) {
      files
          .filter(Files::isRegularFile)
          .filter(
              p -> {
                String path = REPOSITORY.relativize(p).toString();
                return (path.contains("/src/main/") && !path.contains("/generated"))
                    || path.startsWith("install/");
              })
          .filter(p -> p.toString().matches(".*\\.(java|sol|sh|ps1)$"))
          .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("node_modules"))
          .forEach(found::add);
    }
    return found;
  }
}
