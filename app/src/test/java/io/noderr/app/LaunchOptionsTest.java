package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

  @Test
  void friendlyFlags_becomeCommandLineProperties() {
    LaunchOptions options =
        LaunchOptions.parse("--data-dir", "/tmp/x", "--sim-nodes", "0", "--role", "worker");

    assertThat(options.role()).isEqualTo(Role.WORKER);
    assertThat(options.springArguments())
        .containsExactlyInAnyOrder(
            "--noderr.data-dir=/tmp/x", "--noderr.sim.nodes=0", "--noderr.role=worker");
  }

  @Test
  void defaults_toRoleAll_andPassesSpringPropertiesThrough() {
    LaunchOptions options = LaunchOptions.parse("--server.port=9000");

    assertThat(options.role()).isEqualTo(Role.ALL);
    assertThat(options.springArguments()).contains("--server.port=9000", "--noderr.role=all");
  }

  @Test
  void rejects_unknownOptions_missingValues_andBadNumbers_withOneLine() {
    assertThatThrownBy(() -> LaunchOptions.parse("--nodes", "5"))
        .hasMessage("unknown option '--nodes' (see noderr help)");
    assertThatThrownBy(() -> LaunchOptions.parse("--sim-nodes"))
        .hasMessage("--sim-nodes needs a value");
    assertThatThrownBy(() -> LaunchOptions.parse("--sim-nodes", "many"))
        .hasMessage("--sim-nodes must be a whole number, got 'many'");
    assertThatThrownBy(() -> LaunchOptions.parse("--role", "boss"))
        .hasMessage("--role must be all, worker or console, got 'boss'");
  }

  @Test
  void releaseFaults_areCheckedBeforeStarting() {
    assertThat(LaunchOptions.parse("--release-faults", "1.6.0:hang=5").springArguments())
        .contains("--noderr.sim.release-faults=1.6.0:hang=5");
    assertThatThrownBy(() -> LaunchOptions.parse("--release-faults", "1.6.0:melt=5"))
        .hasMessage(
            "release fault '1.6.0:melt=5': the kind must be unhealthy, slow, crash, hang, errors or latency");
  }

  @Test
  void help_isRecognised() {
    assertThat(LaunchOptions.parse("--help").help()).isTrue();
  }
}
