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
  void help_isRecognised() {
    assertThat(LaunchOptions.parse("--help").help()).isTrue();
  }
}
