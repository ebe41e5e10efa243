package io.noderr.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.activities.release.BeaconTier;
import io.noderr.agent.release.BeaconDigestCheck;
import io.noderr.agent.runtime.RunningRelease;
import io.noderr.agent.runtime.StaticReleaseRuntime;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code noderr agent --runtime ...}: the default stays as it was; docker needs its settings. */
class RuntimeOptionsTest {

  private static final URI HEALTH = URI.create("http://127.0.0.1:8080/health");
  private static final RunningRelease DECLARED = new RunningRelease("1.0.0", "");

  @TempDir Path stateDir;

  @Command(name = "agent")
  static class Agent {
    @Mixin RuntimeOptions runtime = new RuntimeOptions();
  }

  @Test
  void byDefault_theSoftwareIsDeclared_andTheAgentServesNoUpdates() {
    RuntimeOptions options = parse();
    options.validate(null);

    try (NodeSoftware software = options.open(stateDir, null, null, DECLARED)) {
      assertThat(software.runtime()).isInstanceOf(StaticReleaseRuntime.class);
      assertThat(software.runtime().running()).isEqualTo(DECLARED);
      assertThat(software.updateActivities("n-1", new BeaconDigestCheck(null, BeaconTier.ALL)))
          .isEmpty();
    }
  }

  @Test
  void docker_needsAHealthUrl_andAnEngineThatAnswers() {
    RuntimeOptions options =
        parse("--runtime", "docker", "--docker-host", "unix://" + stateDir.resolve("none.sock"));

    assertThatThrownBy(() -> options.validate(null)).hasMessageContaining("needs --health-url");
    options.validate(HEALTH);
    assertThatThrownBy(() -> options.open(stateDir, HEALTH, null, DECLARED))
        .hasMessageStartingWith("cannot reach the Docker Engine at unix://" + stateDir);
  }

  @Test
  void refusesAnUnknownRuntime_andAHandOverOnTheHealthPort() {
    assertThatThrownBy(() -> parse("--runtime", "podman").validate(HEALTH))
        .hasMessageContaining("static or docker");
    assertThatThrownBy(
            () -> parse("--runtime", "docker", "--handover-port", "8080").validate(HEALTH))
        .hasMessageContaining("other than the health URL's (8080)");
  }

  private static RuntimeOptions parse(String... args) {
    Agent agent = new Agent();
    new CommandLine(agent).parseArgs(args);
    return agent.runtime;
  }
}
