package io.noderr.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestReportsTest {

  @TempDir Path root;

  @Test
  void surefireXml_countsTestsFailuresErrorsSkippedAndTime() throws IOException {
    Path module = root.resolve("signing");
    copySample("TEST-io.noderr.sample.SampleTest.xml", module.resolve("target/surefire-reports"));

    List<SuiteResult> suites = TestReports.read("signing", module);

    assertThat(suites)
        .containsExactly(
            new SuiteResult(
                "signing", "io.noderr.sample.SampleTest", TestKind.UNIT, 4, 1, 1, 1, 1.234));
    assertThat(suites.getFirst().failed()).isTrue();
  }

  @Test
  void failsafeXml_isIntegration_orBrowserWhenItsSourceDrivesSelenium() throws IOException {
    Path module = root.resolve("app");
    Path reports = module.resolve("target/failsafe-reports");
    Files.createDirectories(reports);
    Files.writeString(
        reports.resolve("TEST-io.noderr.app.PlatformIT.xml"), suite("io.noderr.app.PlatformIT", 3));
    Files.writeString(
        reports.resolve("TEST-io.noderr.app.BackupIT.xml"), suite("io.noderr.app.BackupIT", 2));
    writeSource(module, "io.noderr.app.PlatformIT", "class PlatformIT { ConsoleBrowser browser; }");
    writeSource(module, "io.noderr.app.BackupIT", "class BackupIT {}");

    List<SuiteResult> suites = TestReports.read("app", module);

    assertThat(suites)
        .extracting(SuiteResult::className, SuiteResult::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("io.noderr.app.BackupIT", TestKind.INTEGRATION),
            org.assertj.core.groups.Tuple.tuple("io.noderr.app.PlatformIT", TestKind.BROWSER));
  }

  @Test
  void corruptXml_failsWithTheFileNamed() throws IOException {
    Path reports = root.resolve("cli/target/surefire-reports");
    Files.createDirectories(reports);
    Files.writeString(
        reports.resolve("TEST-io.noderr.cli.X.xml"), "<testsuite name=\"x\" tests=\"1\"");

    assertThatThrownBy(() -> TestReports.read("cli", root.resolve("cli")))
        .isInstanceOf(ReportException.class)
        .hasMessageContaining("corrupt test report")
        .hasMessageContaining("TEST-io.noderr.cli.X.xml");
  }

  @Test
  void aModuleWithoutReports_hasNoSuites() {
    assertThat(TestReports.read("deploy", root.resolve("deploy"))).isEmpty();
  }

  @Test
  void jacocoCsv_isSummedPerModule() throws IOException {
    Path csv = root.resolve("jacoco.csv");
    try (InputStream in = getClass().getResourceAsStream("/samples/jacoco.csv")) {
      Files.copy(in, csv);
    }

    Map<String, Coverage> coverage = Coverage.readCsv(csv);

    assertThat(coverage)
        .containsOnlyKeys("signing", "activities")
        .containsEntry("signing", new Coverage(3, 67, 2, 20))
        .containsEntry("activities", new Coverage(20, 10, 6, 4));
    assertThat(coverage.get("signing").linePercent())
        .isCloseTo(95.71, org.assertj.core.data.Offset.offset(0.01));
    assertThat(coverage.get("activities").branchPercent()).isEqualTo(40.0);
  }

  @Test
  void jacocoCsv_missingOrCorrupt_fails() throws IOException {
    assertThatThrownBy(() -> Coverage.readCsv(root.resolve("none.csv")))
        .isInstanceOf(ReportException.class)
        .hasMessageContaining("coverage report missing");
    Path csv = root.resolve("bad.csv");
    Files.writeString(csv, "GROUP,PACKAGE,CLASS\nnoderr-reports/noderr-cli,io.noderr.cli,X\n");
    assertThatThrownBy(() -> Coverage.readCsv(csv))
        .isInstanceOf(ReportException.class)
        .hasMessageContaining("no column LINE_MISSED");
  }

  @Test
  void report_countsPerModuleAndKind_andStatesTheTarget() {
    List<SuiteResult> suites =
        List.of(
            new SuiteResult(
                "workflows", "io.noderr.workflows.ReplayTest", TestKind.REPLAY, 65, 0, 0, 0, 2.5),
            new SuiteResult(
                "workflows",
                "io.noderr.workflows.a.AWorkflowTest",
                TestKind.WORKFLOW,
                5,
                0,
                0,
                0,
                3),
            new SuiteResult(
                "workflows",
                "io.noderr.workflows.b.BWorkflowTest",
                TestKind.WORKFLOW,
                7,
                1,
                0,
                0,
                4),
            new SuiteResult("app", "io.noderr.app.PlatformIT", TestKind.BROWSER, 3, 0, 0, 1, 60));
    TestReport report =
        new TestReport(
            List.of("workflows", "app"),
            suites,
            Map.of("workflows", new Coverage(40, 60, 0, 0), "app", new Coverage(10, 90, 5, 5)),
            70);

    assertThat(report.byModule().get("workflows").get(TestKind.WORKFLOW))
        .isEqualTo(new TestReport.Counts(2, 12, 1, 0, 0, 7));
    assertThat(report.total().tests()).isEqualTo(80);
    assertThat(report.totalCoverage().linePercent()).isEqualTo(75.0);
    assertThat(report.verdict()).isEqualTo("PASS");
    String md = report.markdown("2026-12-04T20:00:00Z");
    assertThat(md)
        .contains("| workflows | workflow | 2 | 12 | 1 | 0 | 0 | 7.0 |")
        .contains("| app | browser | 1 | 3 | 0 | 0 | 1 | 60.0 |")
        .contains("Coverage target: ≥ 70 % of lines — PASS")
        .contains("| **total** | 150 / 200 | 75.0 % | 5 / 10 | 50.0 % |")
        .contains("`io.noderr.workflows.b.BWorkflowTest` (1 failures, 0 errors)");
    assertThat(Html.page("t", md)).contains("<td class=\"n\">12</td>").doesNotContain("|---");
  }

  @Test
  void belowTarget_isReportedNotFailed() {
    TestReport report =
        new TestReport(
            List.of("cli"),
            List.of(new SuiteResult("cli", "io.noderr.cli.XTest", TestKind.UNIT, 1, 0, 0, 0, 0.1)),
            Map.of("cli", new Coverage(50, 50, 0, 0)),
            70);

    assertThat(report.verdict()).isEqualTo("BELOW");
    assertThat(report.markdown("now")).contains("— BELOW** (50.0 %)");
  }

  private void copySample(String name, Path dir) throws IOException {
    Files.createDirectories(dir);
    try (InputStream in = getClass().getResourceAsStream("/samples/" + name)) {
      Files.copy(in, dir.resolve(name));
    }
  }

  static String suite(String name, int tests) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\""
        + name
        + "\" time=\"2.5\" tests=\""
        + tests
        + "\" errors=\"0\" skipped=\"0\" failures=\"0\"><testcase name=\"t\" classname=\""
        + name
        + "\" time=\"2.5\"/></testsuite>\n";
  }

  static void writeSource(Path module, String className, String text) throws IOException {
    Path file = module.resolve("src/test/java").resolve(className.replace('.', '/') + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
