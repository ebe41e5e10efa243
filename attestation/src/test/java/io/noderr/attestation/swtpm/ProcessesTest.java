package io.noderr.attestation.swtpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessesTest {

  @Test
  void missingTool_failsWithInstallAdvice() {
    assertThatThrownBy(() -> Processes.executable("swtpm-that-is-not-installed"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "swtpm is not installed: 'swtpm-that-is-not-installed' is not on the PATH"
                + " (apt-get install swtpm swtpm-tools)");
  }

  @Test
  void failingTool_reportsItsOutput(@TempDir Path dir) {
    assertThatThrownBy(
            () ->
                Processes.run(
                    List.of("sh", "-c", "echo 'no TPM for you' >&2; exit 3"),
                    dir.resolve("log"),
                    Duration.ofSeconds(10)))
        .hasMessageContaining("exit 3")
        .hasMessageContaining("no TPM for you");
  }

  @Test
  void stop_killsAProcessThatIgnoresSigterm(@TempDir Path dir) {
    Process stubborn =
        Processes.start(
            List.of("sh", "-c", "trap '' TERM; while true; do sleep 0.1; done"),
            dir.resolve("log"));

    Processes.stop(stubborn);

    assertThat(stubborn.isAlive()).isFalse();
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
  }
}
