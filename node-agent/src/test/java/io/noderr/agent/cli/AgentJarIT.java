package io.noderr.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The jar install/install.sh puts on a node, as packaged: the agent and what it runs on, and none
 * of the people's tools (simulator, signer, dev chain) nor the contracts module.
 */
class AgentJarIT {

  @Test
  void carriesNoPeoplesToolsAndNoContracts() throws IOException {
    List<String> entries;
    try (JarFile jar = new JarFile(execJar().toFile())) {
      entries = jar.stream().map(ZipEntry::getName).toList();
    }

    assertThat(entries).contains("BOOT-INF/classes/io/noderr/agent/cli/AgentMain.class");
    assertThat(entries)
        .noneMatch(
            name ->
                name.contains("io/noderr/cli/")
                    || name.contains("io/noderr/agent/sim/")
                    || name.contains("io/noderr/agent/signer/")
                    || name.contains("io/noderr/agent/chain/")
                    || name.contains("io/noderr/contracts/")
                    || name.startsWith("BOOT-INF/lib/noderr-cli-")
                    || name.startsWith("BOOT-INF/lib/noderr-contracts-"));
  }

  /** The repackaged jar of this build (failsafe runs after package, in the module directory). */
  private static Path execJar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files
          .filter(file -> file.getFileName().toString().endsWith("-exec.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no -exec.jar in target: run mvn verify"));
    }
  }
}
