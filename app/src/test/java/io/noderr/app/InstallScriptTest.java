package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer's own test suite (install/test/install-test.sh: 51 cases with fake system tools,
 * shellcheck included) as part of the build, and install.ps1's grammar check. Registration against
 * a real platform: OnboardingIT; an installed node taking a real rollout: InstalledNodeRolloutIT.
 */
class InstallScriptTest {

  private static final Path INSTALL_PS1 = InstallScripts.INSTALL_DIR.resolve("install.ps1");

  @Test
  void installShTestSuite_passes_andSkipsNothing() throws Exception {
    InstallScripts.Run run =
        InstallScripts.bash(
            InstallScripts.INSTALL_DIR.resolve("test/install-test.sh"), List.of(), Map.of());

    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
    assertThat(run.stdout()).contains(" 0 failed", " 0 skipped");
  }

  /**
   * PowerShell cannot run here (no pwsh, so no PSScriptAnalyzer either): the build parses
   * install.ps1 with the tree-sitter PowerShell grammar instead. That finds syntax errors only.
   */
  @Test
  void installPs1_hasNoSyntaxErrors() throws Exception {
    InstallScripts.Run run = InstallScripts.parsePowerShell(INSTALL_PS1);

    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
    assertThat(run.stdout()).contains("1 file(s), 0 syntax error(s)");
  }

  /** The check above would catch a syntax error: a copy missing one parenthesis fails it. */
  @Test
  void aCopyOfInstallPs1_withASyntaxError_failsTheCheck(@TempDir Path directory) throws Exception {
    String script = Files.readString(INSTALL_PS1);
    String broken = script.replace("if (-not $Uninstall) {", "if (-not $Uninstall {");
    assertThat(broken).isNotEqualTo(script);
    Path copy = Files.writeString(directory.resolve("install.ps1"), broken);
    int line = lineOf(broken, "if (-not $Uninstall {");

    InstallScripts.Run run = InstallScripts.parsePowerShell(copy);

    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isEqualTo(1);
    assertThat(run.stdout()).contains(copy + ":" + line + ":", "syntax error");
  }

  private static int lineOf(String text, String fragment) {
    return text.substring(0, text.indexOf(fragment)).split("\n", -1).length;
  }
}
