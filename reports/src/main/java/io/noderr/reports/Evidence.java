package io.noderr.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads the build's evidence for the launch checklist from the source tree and its targets. */
public final class Evidence {

  /** The SBOMs the build publishes, relative to the root. */
  public static final List<String> SBOMS =
      List.of(
          "app/target/classes/META-INF/sbom/application.cdx.json",
          "node-agent/target/classes/META-INF/sbom/application.cdx.json",
          "reports/target/sbom/noderr-platform.cdx.json");

  /** The files of the dependency updates report, in its directory. */
  public static final List<String> UPDATE_FILES =
      List.of("dependency-updates.txt", "plugin-updates.txt");

  /** The docs site's test of every link and anchor in README.md and docs/. */
  static final String DOCS_LINK_CHECK = "io.noderr.docs.RepositoryDocsTest";

  private static final Pattern WORKFLOW_INTERFACE =
      Pattern.compile("@WorkflowInterface\\s+public\\s+interface\\s+(\\w+)");

  private final Path root;

  public Evidence(Path root) {
    this.root = root;
  }

  /** Test sources under {@code src/test/java} of the module, if any. */
  public boolean hasTests(String module) {
    Path tests = root.resolve(module).resolve("src/test/java");
    if (!Files.isDirectory(tests)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(tests)) {
      return files.anyMatch(
          p -> p.toString().endsWith("Test.java") || p.toString().endsWith("IT.java"));
    } catch (IOException e) {
      throw new ReportException("cannot read " + tests, e);
    }
  }

  /** {@code @Disabled} annotations in the modules' test sources, as "path:line". */
  public List<String> disabled(List<String> modules) {
    List<String> found = new ArrayList<>();
    for (String module : modules) {
      Path tests = root.resolve(module).resolve("src/test/java");
      if (!Files.isDirectory(tests)) {
        continue;
      }
      for (Path file : javaFiles(tests)) {
        List<String> lines = lines(file);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).trim();
          if (line.startsWith("@Disabled") || line.matches("@\\w+.*\\s@Disabled\\b.*")) {
            found.add(root.relativize(file) + ":" + (i + 1));
          }
        }
      }
    }
    return found;
  }

  /** The workflow interfaces ({@code @WorkflowInterface}) of the workflows module. */
  public List<String> workflowTypes() {
    Path main = root.resolve("workflows/src/main/java");
    List<String> types = new ArrayList<>();
    if (!Files.isDirectory(main)) {
      return types;
    }
    for (Path file : javaFiles(main)) {
      Matcher m = WORKFLOW_INTERFACE.matcher(String.join("\n", lines(file)));
      while (m.find()) {
        types.add(m.group(1));
      }
    }
    return types.stream().sorted().toList();
  }

  /**
   * The workflow types without replay histories: a type is covered by a directory of
   * workflows/src/test/resources/histories holding a .json history whose name is the type's name in
   * kebab case without "Workflow", or its first words (ReleaseApprovalWorkflow: release).
   */
  public List<String> workflowsWithoutHistories(List<String> types) {
    Path histories = root.resolve("workflows/src/test/resources/histories");
    List<String> dirs = new ArrayList<>();
    if (Files.isDirectory(histories)) {
      try (Stream<Path> list = Files.list(histories)) {
        for (Path dir : list.filter(Files::isDirectory).toList()) {
          try (Stream<Path> files = Files.list(dir)) {
            if (files.anyMatch(p -> p.toString().endsWith(".json"))) {
              dirs.add(dir.getFileName().toString());
            }
          }
        }
      } catch (IOException e) {
        throw new ReportException("cannot read " + histories, e);
      }
    }
    return types.stream()
        .filter(
            type -> {
              String kebab = kebab(type.replaceFirst("Workflow$", ""));
              return dirs.stream().noneMatch(d -> kebab.equals(d) || kebab.startsWith(d + "-"));
            })
        .toList();
  }

  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /** Errors and warnings in solhint's report (unix format), or null when it is missing. */
  public int[] solhint() {
    Path report = root.resolve("contracts/target/solhint.txt");
    if (!Files.isRegularFile(report)) {
      return null;
    }
    int errors = 0;
    int warnings = 0;
    for (String line : lines(report)) {
      if (line.contains("[Error/")) {
        errors++;
      } else if (line.contains("[Warning/")) {
        warnings++;
      }
    }
    return new int[] {errors, warnings};
  }

  /** The expected SBOMs that exist and are CycloneDX documents (true) or not (false). */
  public boolean isSbom(String path) {
    Path file = root.resolve(path);
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try {
      String json = Files.readString(file);
      return json.contains("\"bomFormat\"") && json.contains("\"CycloneDX\"");
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The dependency updates report's state (see {@link Facts#updates()}). An offline build did not
   * check: "offline", and the report's missing files say "not checked (offline)".
   */
  public String updates(Path dir, boolean offline) {
    List<Path> files = UPDATE_FILES.stream().map(dir::resolve).toList();
    if (offline) {
      // The plugin did not run; a report left by an earlier build is not this build's evidence.
      try {
        Files.createDirectories(dir);
        for (Path file : files) {
          if (!Files.isRegularFile(file)) {
            Files.writeString(file, "not checked (offline)\n");
          }
        }
      } catch (IOException e) {
        throw new ReportException("cannot write " + dir, e);
      }
      return "offline";
    }
    if (!files.stream().allMatch(Files::isRegularFile)) {
      return null;
    }
    // Dependencies: every "a -> b" line. Plugins: only those of "The following plugin updates are
    // available" (the plugin also lists, per Maven version, the newest each version could run).
    int newer = 0;
    boolean notChecked = false;
    for (Path file : files) {
      boolean plugins = file.getFileName().toString().startsWith("plugin");
      boolean counting = !plugins;
      for (String line : lines(file)) {
        if (line.contains("not checked (offline)")) {
          notChecked = true;
        }
        if (plugins) {
          if (line.contains("The following plugin updates are available")) {
            counting = true;
          } else if (line.isBlank()) {
            counting = false;
          }
        }
        if (counting && line.contains("->")) {
          newer++;
        }
      }
    }
    return notChecked ? "offline" : Integer.toString(newer);
  }

  /**
   * The documentation's checks, each from its test report: the docs site's link and anchor check
   * ({@code RepositoryDocsTest}), that every shell block names the test that runs it ({@code
   * DocumentedCommandsTest}), the troubleshooting guide against the code ({@code
   * TroubleshootingGuideTest}), the API reference against the OpenAPI document ({@code
   * ApiReferenceIT}) and every how-to run as written ({@code DocsHowTosIT}). {summary,
   * "pass"|"fail"}: a pass needs every report present and green; null when the link check did not
   * run at all.
   */
  public String[] docsLinks() {
    if (!Files.isRegularFile(DOCS_CHECKS.get(0).report(root))) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    boolean pass = true;
    for (DocsCheck check : DOCS_CHECKS) {
      Path report = check.report(root);
      if (!Files.isRegularFile(report)) {
        parts.add(check.simpleName() + " did not run");
        pass = false;
        continue;
      }
      SuiteResult suite =
          TestReports.parse(
              check.module(), report, false, new TestClassifier(root.resolve(check.module())));
      int failed = suite.failures() + suite.errors();
      pass &= suite.tests() > 0 && failed == 0 && suite.skipped() == 0;
      parts.add(check.simpleName() + " " + suite.tests() + " tests, " + failed + " failed");
    }
    return new String[] {String.join("; ", parts), pass ? "pass" : "fail"};
  }

  /** One documentation check: the module and report directory of its test class. */
  private record DocsCheck(String module, String reports, String className) {
    Path report(Path root) {
      return root.resolve(module + "/target/" + reports + "/TEST-" + className + ".xml");
    }

    String simpleName() {
      return className.substring(className.lastIndexOf('.') + 1);
    }
  }

  private static final List<DocsCheck> DOCS_CHECKS =
      List.of(
          new DocsCheck("docs-site", "surefire-reports", DOCS_LINK_CHECK),
          new DocsCheck("docs-site", "surefire-reports", "io.noderr.docs.DocumentedCommandsTest"),
          new DocsCheck("docs-site", "surefire-reports", "io.noderr.docs.TroubleshootingGuideTest"),
          new DocsCheck(
              "web-vaadin", "failsafe-reports", "io.noderr.console.api.docs.ApiReferenceIT"),
          new DocsCheck("app", "failsafe-reports", "io.noderr.app.docs.DocsHowTosIT"));

  private static List<Path> javaFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new ReportException("cannot read " + dir, e);
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new ReportException("cannot read " + file, e);
    }
  }
}
