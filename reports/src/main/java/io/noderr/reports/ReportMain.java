package io.noderr.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Writes test-report.md/.html and launch-checklist.md/.html (docs/test-report.md). Run by the
 * reports module at verify; exits non-zero (failing the build) when a report it needs is missing or
 * corrupt, never because of a figure (coverage below the target, a failed checklist item).
 */
public final class ReportMain {

  /** The seed's line coverage target, in percent. */
  public static final double COVERAGE_TARGET = 70;

  private ReportMain() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("expected --name=value, got " + arg);
      }
      options.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    if (Boolean.parseBoolean(options.get("skip-tests"))
        || Boolean.parseBoolean(options.get("test-skip"))) {
      System.out.println("[reports] tests skipped: no test report or launch checklist");
      return;
    }
    Path root = Path.of(required(options, "root")).toAbsolutePath().normalize();
    Path out = Path.of(required(options, "out"));
    Path jacoco = Path.of(required(options, "jacoco"));
    Path template = Path.of(required(options, "template"));
    Path updatesDir = Path.of(required(options, "updates"));
    boolean offline = Boolean.parseBoolean(options.get("offline"));
    try {
      run(root, out, jacoco, template, updatesDir, offline);
    } catch (ReportException e) {
      // The exec plugin shows the exception's message and fails the build.
      throw new IllegalStateException("[reports] " + e.getMessage(), e);
    }
  }

  static void run(Path root, Path out, Path jacoco, Path template, Path updatesDir, boolean offline)
      throws IOException {
    List<String> modules = modules(root);
    Evidence evidence = new Evidence(root);
    List<SuiteResult> suites = new ArrayList<>();
    List<String> withoutResults = new ArrayList<>();
    for (String module : modules) {
      List<SuiteResult> moduleSuites = TestReports.read(module, root.resolve(module));
      if (moduleSuites.isEmpty() && evidence.hasTests(module)) {
        withoutResults.add(module);
      }
      suites.addAll(moduleSuites);
    }
    if (suites.isEmpty()) {
      throw new ReportException(
          "no surefire or failsafe reports in any module's target/ (run the tests first)");
    }
    if (!Files.isRegularFile(jacoco)) {
      throw new ReportException(
          "coverage report missing: " + jacoco + " (JaCoCo's report-aggregate found no exec data)");
    }
    Map<String, Coverage> coverage = Coverage.readCsv(jacoco);
    TestReport report = new TestReport(modules, suites, coverage, COVERAGE_TARGET);
    String generated = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

    List<String> workflows = evidence.workflowTypes();
    int[] solhint = evidence.solhint();
    List<String> sboms = new ArrayList<>();
    List<String> sbomsMissing = new ArrayList<>();
    for (String sbom : Evidence.SBOMS) {
      (evidence.isSbom(sbom) ? sboms : sbomsMissing).add(sbom);
    }
    String[] links = evidence.docsLinks();
    TestReport.Counts total = report.total();
    Facts facts =
        new Facts(
            total.tests(),
            total.failures() + total.errors(),
            total.skipped(),
            withoutResults,
            report.totalCoverage().linePercent(),
            COVERAGE_TARGET,
            evidence.disabled(modules),
            workflows.size(),
            evidence.workflowsWithoutHistories(workflows),
            solhint == null ? -1 : solhint[0],
            solhint == null ? -1 : solhint[1],
            sboms,
            sbomsMissing,
            evidence.updates(updatesDir, offline),
            links == null ? null : links[0],
            links != null && links[1].equals("pass"));
    if (!Files.isRegularFile(template)) {
      throw new ReportException("launch checklist template missing: " + template);
    }
    List<Checklist.Line> checklist = Checklist.evaluate(Files.readAllLines(template), facts);

    Files.createDirectories(out);
    String reportMd = report.markdown(generated);
    Files.writeString(out.resolve("test-report.md"), reportMd);
    Files.writeString(out.resolve("test-report.html"), Html.page("Noderr test report", reportMd));
    Files.writeString(out.resolve(Html.STYLESHEET), Html.CSS);
    String checklistMd =
        Checklist.markdown(checklist, out.toAbsolutePath().relativize(root.resolve("docs")) + "/")
            + "\n---\nEvaluated "
            + generated
            + " by the build: ✓ checked and passed, ✗ checked and not passed, ☐ for a person to do.\n";
    Files.writeString(out.resolve("launch-checklist.md"), checklistMd);
    Files.writeString(
        out.resolve("launch-checklist.html"), Html.page("Noderr launch checklist", checklistMd));

    System.out.printf(
        "[reports] %d tests (%d failed, %d skipped), line coverage %s (target %.0f %%: %s)%n",
        total.tests(),
        total.failures() + total.errors(),
        total.skipped(),
        TestReport.percent(report.totalCoverage().linePercent()),
        COVERAGE_TARGET,
        report.verdict());
    System.out.printf(
        "[reports] launch checklist: %d ✓, %d ✗, %d ☐ manual%n",
        Checklist.count(checklist, Checklist.Status.PASS),
        Checklist.count(checklist, Checklist.Status.FAIL),
        Checklist.count(checklist, Checklist.Status.MANUAL));
    System.out.println("[reports] " + out.resolve("test-report.html"));
    System.out.println("[reports] " + out.resolve("launch-checklist.html"));
  }

  /** The root pom's modules, in reactor order, without this one. */
  static List<String> modules(Path root) {
    try {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Element project =
          factory.newDocumentBuilder().parse(root.resolve("pom.xml").toFile()).getDocumentElement();
      NodeList nodes = project.getElementsByTagName("module");
      List<String> modules = new ArrayList<>();
      for (int i = 0; i < nodes.getLength(); i++) {
        String module = nodes.item(i).getTextContent().trim();
        if (!module.equals("reports")) {
          modules.add(module);
        }
      }
      return modules;
    } catch (Exception e) {
      throw new ReportException("cannot read the modules of " + root.resolve("pom.xml"), e);
    }
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing --" + name + "=");
    }
    return value;
  }
}
