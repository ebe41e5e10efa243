package io.noderr.reports;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The test report: counts per module and kind, coverage per module, the coverage target. */
public final class TestReport {

  /** Summed counts of a group of suites. */
  public record Counts(
      int classes, int tests, int failures, int errors, int skipped, double seconds) {
    static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0);

    Counts plus(SuiteResult s) {
      return new Counts(
          classes + 1,
          tests + s.tests(),
          failures + s.failures(),
          errors + s.errors(),
          skipped + s.skipped(),
          seconds + s.seconds());
    }
  }

  private final List<String> modules;
  private final List<SuiteResult> suites;
  private final Map<String, Coverage> coverage;
  private final double target;

  /**
   * @param modules the modules in reactor order
   * @param suites every suite read
   * @param coverage JaCoCo's counters per module
   * @param target the line coverage target in percent
   */
  public TestReport(
      List<String> modules,
      List<SuiteResult> suites,
      Map<String, Coverage> coverage,
      double target) {
    this.modules = modules;
    this.suites = suites;
    this.coverage = coverage;
    this.target = target;
  }

  /** Counts per module, then per kind (kinds without tests left out). */
  public Map<String, Map<TestKind, Counts>> byModule() {
    Map<String, Map<TestKind, Counts>> result = new LinkedHashMap<>();
    for (String module : modules) {
      Map<TestKind, Counts> kinds = new EnumMap<>(TestKind.class);
      for (SuiteResult s : suites) {
        if (s.module().equals(module)) {
          kinds.merge(s.kind(), Counts.ZERO.plus(s), (a, b) -> a.plus(s));
        }
      }
      if (!kinds.isEmpty()) {
        result.put(module, kinds);
      }
    }
    return result;
  }

  /** Counts per kind over all modules. */
  public Map<TestKind, Counts> byKind() {
    Map<TestKind, Counts> kinds = new EnumMap<>(TestKind.class);
    for (SuiteResult s : suites) {
      kinds.merge(s.kind(), Counts.ZERO.plus(s), (a, b) -> a.plus(s));
    }
    return kinds;
  }

  /** Counts over everything. */
  public Counts total() {
    Counts total = Counts.ZERO;
    for (SuiteResult s : suites) {
      total = total.plus(s);
    }
    return total;
  }

  /** Coverage over all modules. */
  public Coverage totalCoverage() {
    return coverage.values().stream().reduce(Coverage.NONE, Coverage::plus);
  }

  /** "PASS" when the total line coverage meets the target, "BELOW", or "NO DATA". */
  public String verdict() {
    double lines = totalCoverage().linePercent();
    return lines < 0 ? "NO DATA" : lines >= target ? "PASS" : "BELOW";
  }

  /** The report as Markdown. */
  public String markdown(String generated) {
    StringBuilder md = new StringBuilder();
    Counts total = total();
    Coverage cov = totalCoverage();
    md.append("# Noderr test report\n\n");
    md.append("Generated ").append(generated).append(" by the `reports` module from the modules' ");
    md.append("surefire and failsafe reports and JaCoCo's aggregate (docs/test-report.md).\n\n");
    md.append("## Summary\n\n");
    md.append(
        "| Tests | Failures | Errors | Skipped | Time (s) | Line coverage | Branch coverage |\n");
    md.append("|---:|---:|---:|---:|---:|---:|---:|\n");
    md.append(
        String.format(
            Locale.ROOT,
            "| %d | %d | %d | %d | %.1f | %s | %s |%n%n",
            total.tests(),
            total.failures(),
            total.errors(),
            total.skipped(),
            total.seconds(),
            percent(cov.linePercent()),
            percent(cov.branchPercent())));
    md.append(
        String.format(
            Locale.ROOT,
            "**Coverage target: ≥ %.0f %% of lines — %s** (%s). The build reports the figure; it does not fail on it.%n%n",
            target,
            verdict(),
            percent(cov.linePercent())));
    md.append("## Tests per kind\n\n");
    md.append("| Kind | Classes | Tests | Failures | Errors | Skipped | Time (s) |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|\n");
    byKind().forEach((kind, c) -> md.append(row(kind.label(), c)));
    md.append("\n## Tests per module and kind\n\n");
    md.append("| Module | Kind | Classes | Tests | Failures | Errors | Skipped | Time (s) |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
    byModule()
        .forEach(
            (module, kinds) ->
                kinds.forEach(
                    (kind, c) ->
                        md.append("| ").append(module).append(' ').append(row(kind.label(), c))));
    md.append("\n## Coverage per module\n\n");
    md.append("JaCoCo, unit and integration tests together; only `io.noderr` classes, not the ");
    md.append("generated web3j contract wrappers.\n\n");
    md.append("| Module | Lines covered | Line coverage | Branches covered | Branch coverage |\n");
    md.append("|---|---:|---:|---:|---:|\n");
    for (String module : modules) {
      Coverage c = coverage.get(module);
      if (c == null || c.lineCovered() + c.lineMissed() == 0) {
        continue;
      }
      md.append(coverageRow(module, c));
    }
    md.append(coverageRow("**total**", cov));
    List<SuiteResult> failed =
        new ArrayList<>(suites.stream().filter(SuiteResult::failed).toList());
    if (!failed.isEmpty()) {
      md.append("\n## Failed test classes\n\n");
      for (SuiteResult s : failed) {
        md.append("- ").append(s.module()).append(": `").append(s.className()).append("` (");
        md.append(s.failures()).append(" failures, ").append(s.errors()).append(" errors)\n");
      }
    }
    return md.toString();
  }

  private static String row(String label, Counts c) {
    return String.format(
        Locale.ROOT,
        "| %s | %d | %d | %d | %d | %d | %.1f |%n",
        label,
        c.classes(),
        c.tests(),
        c.failures(),
        c.errors(),
        c.skipped(),
        c.seconds());
  }

  private static String coverageRow(String module, Coverage c) {
    return String.format(
        Locale.ROOT,
        "| %s | %d / %d | %s | %d / %d | %s |%n",
        module,
        c.lineCovered(),
        c.lineCovered() + c.lineMissed(),
        percent(c.linePercent()),
        c.branchCovered(),
        c.branchCovered() + c.branchMissed(),
        percent(c.branchPercent()));
  }

  static String percent(double value) {
    return value < 0 ? "—" : String.format(Locale.ROOT, "%.1f %%", value);
  }
}
