package io.noderr.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestClassifierTest {

  @TempDir Path module;

  @Test
  void surefireClasses_byNameThenSource() throws IOException {
    TestReportsTest.writeSource(
        module,
        "io.noderr.workflows.rewards.RewardFormulaV1PropertyTest",
        "import net.jqwik.api.Property;\nclass RewardFormulaV1PropertyTest {}");
    TestReportsTest.writeSource(
        module,
        "io.noderr.workflows.slashing.SlashingPenaltyTest",
        "import net.jqwik.api.ForAll;\nclass SlashingPenaltyTest {}");
    TestClassifier classifier = new TestClassifier(module);

    assertThat(classifier.classify("io.noderr.workflows.ReplayTest", false))
        .isEqualTo(TestKind.REPLAY);
    assertThat(classifier.classify("io.noderr.workflows.rollout.RolloutWorkflowTest", false))
        .isEqualTo(TestKind.WORKFLOW);
    assertThat(
            classifier.classify("io.noderr.workflows.rewards.RewardFormulaV1PropertyTest", false))
        .isEqualTo(TestKind.PROPERTY);
    assertThat(classifier.classify("io.noderr.workflows.slashing.SlashingPenaltyTest", false))
        .isEqualTo(TestKind.PROPERTY);
    assertThat(classifier.classify("io.noderr.signing.SemverTest", false)).isEqualTo(TestKind.UNIT);
    assertThat(classifier.classify("io.noderr.signing.SemverTest$Nested", false))
        .isEqualTo(TestKind.UNIT);
  }

  @Test
  void failsafeClasses_browserWhenTheSourceUsesSeleniumOrTheConsoleBrowser() throws IOException {
    TestReportsTest.writeSource(
        module,
        "io.noderr.app.ChartsBrowserIT",
        "import org.openqa.selenium.By;\nclass ChartsBrowserIT {}");
    TestReportsTest.writeSource(
        module, "io.noderr.app.ReleaseIT", "class ReleaseIT { ConsoleBrowser console; }");
    TestReportsTest.writeSource(module, "io.noderr.app.BackupIT", "class BackupIT {}");
    TestClassifier classifier = new TestClassifier(module);

    assertThat(classifier.classify("io.noderr.app.ChartsBrowserIT", true))
        .isEqualTo(TestKind.BROWSER);
    assertThat(classifier.classify("io.noderr.app.ReleaseIT", true)).isEqualTo(TestKind.BROWSER);
    assertThat(classifier.classify("io.noderr.app.BackupIT", true)).isEqualTo(TestKind.INTEGRATION);
    assertThat(classifier.classify("io.noderr.app.GoneIT", true)).isEqualTo(TestKind.INTEGRATION);
  }
}
