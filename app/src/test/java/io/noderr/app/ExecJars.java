package io.noderr.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The executable jars the reactor built before this module's tests, run as people run them. */
final class ExecJars {

  private ExecJars() {}

  /** What install/install.sh puts on a node. */
  static Path agent() throws IOException {
    return of("node-agent");
  }

  /** The people's tools: sim, sign, chain. */
  static Path cli() throws IOException {
    return of("cli");
  }

  private static Path of(String module) throws IOException {
    try (Stream<Path> jars = Files.list(Path.of("..", module, "target"))) {
      return jars.filter(jar -> jar.getFileName().toString().endsWith("-exec.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("build " + module + " first (mvn package)"))
          .toAbsolutePath();
    }
  }
}
