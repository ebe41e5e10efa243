package io.noderr.agent.runtime.docker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an agent started with --runtime docker says when there is no engine (DockerHotSwapIT has
 * one).
 */
class DockerEngineTest {

  @TempDir Path dir;

  @Test
  void connect_namesTheSocket_whenNoEngineAnswers() {
    URI socket = URI.create("unix://" + dir.resolve("docker.sock"));
    assertThatThrownBy(() -> DockerEngine.connect(socket))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("cannot reach the Docker Engine at " + socket);
  }
}
