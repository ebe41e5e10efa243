package io.noderr.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecklistTest {

  @TempDir Path root;

  static Facts good() {
    return new Facts(
        1200,
        0,
        0,
        List.of(),
        74.3,
        70,
        List.of(),
        10,
        List.of(),
        0,
        0,
        List.of("app/a.json", "node-agent/a.json", "reports/p.json"),
        List.of(),
        "12",
        "RepositoryDocsTest: 3 checks, 0 failed",
        true);
  }

  @Test
  void autoItems_passWithTheirFigures_manualItemsStayOpen() {
    List<String> template =
        List.of(
            "# Launch checklist",
            "",
            "## Build & tests",
            "- auto:tests-passed All tests passed",
            "- auto:coverage Coverage meets 70 %",
            "- auto:no-skipped Nothing skipped",
            "- auto:replay-histories Histories",
            "- auto:solhint solhint clean",
            "- auto:sbom SBOMs",
            "- auto:dependency-updates Updates report",
            "- auto:docs-links Links",
            "- manual: Rotate the demo passwords ([compose.md](compose.md))");

    List<Checklist.Line> lines = Checklist.evaluate(template, good());
    String md = Checklist.markdown(lines, "../../../docs/");

    assertThat(Checklist.count(lines, Checklist.Status.PASS)).isEqualTo(8);
    assertThat(Checklist.count(lines, Checklist.Status.MANUAL)).isEqualTo(1);
    assertThat(md)
        .contains("# Launch checklist\n\n## Build & tests\n")
        .contains("- ✓ All tests passed — **1200 tests, 0 failed or erred, 0 skipped**")
        .contains("- ✓ Coverage meets 70 % — **74.3 % of lines (target 70 %: PASS)**")
        .contains("- ✓ Histories — **10 of 10 workflow types have replay histories**")
        .contains("- ✓ Updates report — **report produced: 12 newer releases listed to review**")
        .contains("- ☐ Rotate the demo passwords ([compose.md](../../../docs/compose.md))\n");
  }

  @Test
  void autoItems_failOnTheEvidence() {
    Facts bad =
        new Facts(
            1200,
            2,
            3,
            List.of("deploy"),
            61.04,
            70,
            List.of("app/src/test/java/X.java:12"),
            10,
            List.of("ProposalWorkflow"),
            1,
            4,
            List.of("app/a.json"),
            List.of("reports/target/sbom/noderr-platform.cdx.json"),
            "offline",
            null,
            false);

    assertThat(Checklist.check("tests-passed", bad))
        .isEqualTo(
            new Checklist.Check(
                Checklist.Status.FAIL,
                "1200 tests, 2 failed or erred, 3 skipped; no results from deploy"));
    assertThat(Checklist.check("coverage", bad).evidence())
        .isEqualTo("61.0 % of lines (target 70 %: BELOW)");
    assertThat(Checklist.check("no-skipped", bad).evidence())
        .isEqualTo("3 skipped, 1 @Disabled (app/src/test/java/X.java:12)");
    assertThat(Checklist.check("replay-histories", bad).evidence())
        .isEqualTo("9 of 10 workflow types have replay histories; missing: ProposalWorkflow");
    assertThat(Checklist.check("solhint", bad).evidence()).isEqualTo("1 errors, 4 warnings");
    assertThat(Checklist.check("sbom", bad).evidence()).contains("missing: reports/target/sbom");
    assertThat(Checklist.check("dependency-updates", bad).evidence())
        .isEqualTo("not checked (offline build)");
    assertThat(Checklist.check("docs-links", bad).evidence())
        .isEqualTo("no link check report in this build");
    for (String id :
        List.of(
            "tests-passed",
            "coverage",
            "no-skipped",
            "replay-histories",
            "solhint",
            "sbom",
            "dependency-updates",
            "docs-links")) {
      assertThat(Checklist.check(id, bad).status()).as(id).isEqualTo(Checklist.Status.FAIL);
    }
  }

  @Test
  void unknownAutoItem_failsTheBuild() {
    assertThatThrownBy(() -> Checklist.evaluate(List.of("- auto:coffee Coffee made"), good()))
        .isInstanceOf(ReportException.class)
        .hasMessageContaining("unknown auto item 'coffee'");
  }

  @Test
  void theRealTemplate_onlyUsesKnownItems() throws IOException {
    List<String> template = Files.readAllLines(Path.of("../docs/launch-checklist.md"));

    List<Checklist.Line> lines = Checklist.evaluate(template, good());

    assertThat(Checklist.count(lines, Checklist.Status.PASS)).isEqualTo(8);
    assertThat(Checklist.count(lines, Checklist.Status.MANUAL)).isGreaterThan(15);
  }

  @Test
  void evidence_workflowTypesAndHistories() throws IOException {
    Path main = root.resolve("workflows/src/main/java/io/noderr/workflows");
    Files.createDirectories(main);
    Files.writeString(
        main.resolve("ReleaseApprovalWorkflow.java"),
        "@WorkflowInterface\npublic interface ReleaseApprovalWorkflow {}");
    Files.writeString(
        main.resolve("NodeHealthCheckWorkflow.java"),
        "@WorkflowInterface\npublic interface NodeHealthCheckWorkflow {}");
    Files.writeString(
        main.resolve("ProposalWorkflow.java"),
        "@WorkflowInterface\npublic interface ProposalWorkflow {}");
    Path histories = root.resolve("workflows/src/test/resources/histories");
    Files.createDirectories(histories.resolve("release"));
    Files.writeString(histories.resolve("release/approved.json"), "{}");
    Files.createDirectories(histories.resolve("node-health-check"));
    Files.writeString(histories.resolve("node-health-check/healthy.json"), "{}");
    Files.createDirectories(histories.resolve("proposal"));
    Evidence evidence = new Evidence(root);

    List<String> types = evidence.workflowTypes();

    assertThat(types)
        .containsExactly("NodeHealthCheckWorkflow", "ProposalWorkflow", "ReleaseApprovalWorkflow");
    assertThat(evidence.workflowsWithoutHistories(types)).containsExactly("ProposalWorkflow");
  }

  @Test
  void evidence_solhintDisabledAndOfflineUpdates() throws IOException {
    Files.createDirectories(root.resolve("contracts/target"));
    Files.writeString(
        root.resolve("contracts/target/solhint.txt"),
        "src/A.sol:3:1: Explicitly mark visibility [Warning/func-visibility]\n"
            + "src/A.sol:9:5: Bad [Error/no-unused-vars]\n\n2 problems\n");
    TestReportsTest.writeSource(
        root.resolve("cli"),
        "io.noderr.cli.XTest",
        "class XTest {\n  @Disabled(\"flaky\")\n  @Test void t() {}\n  // @Disabled in a comment\n}");
    Evidence evidence = new Evidence(root);

    assertThat(evidence.solhint()).containsExactly(1, 1);
    assertThat(evidence.disabled(List.of("cli", "signing")))
        .containsExactly("cli/src/test/java/io/noderr/cli/XTest.java:2");
    Path updates = root.resolve("reports/target/dependency-updates");
    assertThat(evidence.updates(updates, false)).isNull();
    assertThat(evidence.updates(updates, true)).isEqualTo("offline");
    assertThat(updates.resolve("dependency-updates.txt")).hasContent("not checked (offline)");
    Files.writeString(
        updates.resolve("dependency-updates.txt"),
        "[INFO]   org.web3j:core ............................ 5.0.2 -> 5.0.3\n");
    Files.writeString(
        updates.resolve("plugin-updates.txt"),
        "The following plugin updates are available:\n"
            + "  org.apache.maven.plugins:maven-surefire-plugin .... 3.5.4 -> 3.5.5\n"
            + "\n"
            + "Require Maven 2.0.4 to use the following plugin updates:\n"
            + "  org.codehaus.mojo:exec-maven-plugin .................. 3.7.0 -> 1.1\n");
    assertThat(evidence.updates(updates, false)).isEqualTo("2");
    assertThat(evidence.docsLinks()).isNull();
    Path docsReports = root.resolve("docs-site/target/surefire-reports");
    Files.createDirectories(docsReports);
    Files.writeString(
        docsReports.resolve("TEST-io.noderr.docs.RepositoryDocsTest.xml"),
        TestReportsTest.suite("io.noderr.docs.RepositoryDocsTest", 3));
    assertThat(evidence.docsLinks())
        .containsExactly(
            "RepositoryDocsTest 3 tests, 0 failed; DocumentedCommandsTest did not run;"
                + " TroubleshootingGuideTest did not run; ApiReferenceIT did not run;"
                + " DocsHowTosIT did not run",
            "fail");
    Files.writeString(
        docsReports.resolve("TEST-io.noderr.docs.DocumentedCommandsTest.xml"),
        TestReportsTest.suite("io.noderr.docs.DocumentedCommandsTest", 1));
    Files.writeString(
        docsReports.resolve("TEST-io.noderr.docs.TroubleshootingGuideTest.xml"),
        TestReportsTest.suite("io.noderr.docs.TroubleshootingGuideTest", 4));
    Path consoleReports = root.resolve("web-vaadin/target/failsafe-reports");
    Files.createDirectories(consoleReports);
    Files.writeString(
        consoleReports.resolve("TEST-io.noderr.console.api.docs.ApiReferenceIT.xml"),
        TestReportsTest.suite("io.noderr.console.api.docs.ApiReferenceIT", 2));
    Path appReports = root.resolve("app/target/failsafe-reports");
    Files.createDirectories(appReports);
    Files.writeString(
        appReports.resolve("TEST-io.noderr.app.docs.DocsHowTosIT.xml"),
        TestReportsTest.suite("io.noderr.app.docs.DocsHowTosIT", 4));
    assertThat(evidence.docsLinks())
        .containsExactly(
            "RepositoryDocsTest 3 tests, 0 failed; DocumentedCommandsTest 1 tests, 0 failed;"
                + " TroubleshootingGuideTest 4 tests, 0 failed; ApiReferenceIT 2 tests, 0 failed;"
                + " DocsHowTosIT 4 tests, 0 failed",
            "pass");
  }
}
