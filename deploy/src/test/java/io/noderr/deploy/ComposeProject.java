package io.noderr.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A copy of the compose project (docker-compose.yml and the deploy/ files it mounts) in a directory
 * of the test's own, set up the way the docs say: {@code ./noderr compose-init}, then Compose.
 */
final class ComposeProject {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final List<String> MOUNTED =
      List.of("prometheus", "alertmanager", "grafana", "promtail", "temporal", "otel", "tempo");

  final Path directory;

  private ComposeProject(Path directory) {
    this.directory = directory;
  }

  static ComposeProject copy(Path parent) throws IOException {
    Path directory = Files.createDirectories(parent.resolve("noderr"));
    Files.copy(Tools.ROOT.resolve("docker-compose.yml"), directory.resolve("docker-compose.yml"));
    for (String folder : MOUNTED) {
      copyTree(
          Tools.ROOT.resolve("deploy").resolve(folder),
          directory.resolve("deploy").resolve(folder));
    }
    return new ComposeProject(directory);
  }

  Tools.Result composeInit() throws IOException, InterruptedException {
    return Tools.platformTool(
        directory, "io.noderr.app.setup.ComposeInit", "--dir", directory.toString());
  }

  /** {@code compose config}: the file as Compose resolves it with the .env, or its complaint. */
  Tools.Result config() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(Tools.compose());
    command.add("config");
    return Tools.run(directory, command);
  }

  JsonNode resolved() throws IOException, InterruptedException {
    return YAML.readTree(config().requireSuccess().stdout());
  }

  String env(String name) throws IOException {
    return Files.readAllLines(directory.resolve(".env")).stream()
        .filter(line -> line.startsWith(name + "="))
        .map(line -> line.substring(name.length() + 1).replaceAll("^'|'$", ""))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " is not in .env"));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }
}
