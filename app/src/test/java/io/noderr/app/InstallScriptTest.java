package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The installer's own test suite (install/test/install-test.sh: 51 cases with fake system tools,
 * shellcheck included) as part of the build. Registration against a real platform: OnboardingIT.
 */
class InstallScriptTest {

  @Test
  void installShTestSuite_passes_andSkipsNothing() throws Exception {
    InstallScripts.Run run =
        InstallScripts.bash(
            InstallScripts.INSTALL_DIR.resolve("test/install-test.sh"), List.of(), Map.of());

    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
    assertThat(run.stdout()).contains(" 0 failed", " 0 skipped");
  }
}
