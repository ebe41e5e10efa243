package io.noderr.worker.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.worker.alert.rules.AlertRule;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every alert a rule raises, and every runbook_url of the Prometheus rules, links to a section of
 * docs/alerts.md that exists.
 */
class RunbookLinksTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void everyAlertName_hasItsRunbookSection() throws Exception {
    List<String> anchors = anchors();
    List<String> names = new ArrayList<>();
    Path rules = ROOT.resolve("worker/src/main/java/io/noderr/worker/alert/rules");
    try (Stream<Path> files = Files.list(rules)) {
      for (Path file : files.toList()) {
        Class<?> type =
            Class.forName(
                AlertRule.class.getPackageName()
                    + "."
                    + file.getFileName().toString().replace(".java", ""));
        if (!AlertRule.class.isAssignableFrom(type) || type.isInterface()) {
          continue;
        }
        for (Field field : type.getDeclaredFields()) {
          if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
            field.setAccessible(true);
            names.add((String) field.get(null));
          }
        }
      }
    }
    assertThat(names).hasSizeGreaterThanOrEqualTo(11);
    assertThat(names)
        .allSatisfy(name -> assertThat(anchors).contains(name.toLowerCase(Locale.ROOT)));
  }

  @Test
  void prometheusRunbookUrls_pointToExistingSections() throws IOException {
    List<String> anchors = anchors();
    String rules = Files.readString(ROOT.resolve("deploy/prometheus/rules/noderr.yml"));
    Matcher links = Pattern.compile("docs/alerts\\.md#([a-z]+)").matcher(rules);
    int found = 0;
    while (links.find()) {
      assertThat(anchors).contains(links.group(1));
      found++;
    }
    assertThat(found).isGreaterThanOrEqualTo(8);
  }

  /** GitHub's anchors of the "### Name" headings. */
  private static List<String> anchors() throws IOException {
    return Files.readAllLines(ROOT.resolve("docs/alerts.md")).stream()
        .filter(line -> line.startsWith("### "))
        .map(line -> line.substring(4).strip().toLowerCase(Locale.ROOT))
        .toList();
  }
}
