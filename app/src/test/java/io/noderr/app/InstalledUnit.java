package io.noderr.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent service as install.sh wrote it into a throwaway root (NODERR_INSTALL_ROOT), started the
 * way systemd would start it: ExecStart with its {@code ${VAR}}s taken from the EnvironmentFile, a
 * clean environment holding only that file's variables, working directory /. The unit names the
 * machine's paths (/opt/noderr-agent/..., /var/lib/noderr-agent); those that exist in the root are
 * taken from there, which is what the root stands for. There is no systemd here, so User= is not
 * applied (the installer ran with NODERR_SKIP_USER_CREATE) and neither is the hardening.
 *
 * @param command ExecStart, expanded and re-rooted
 * @param environment the EnvironmentFile's variables
 */
record InstalledUnit(List<String> command, Map<String, String> environment) {

  static final Path UNIT = Path.of("etc/systemd/system/noderr-agent.service");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"(.*)\"");

  /** systemd's default PATH for services. */
  private static final String SYSTEMD_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin";

  /** Reads the unit and its EnvironmentFile from {@code root}. */
  static InstalledUnit read(Path root) throws IOException {
    Map<String, String> settings = new LinkedHashMap<>();
    String execStart = null;
    for (String line : Files.readAllLines(root.resolve(UNIT))) {
      if (line.startsWith("ExecStart=")) {
        execStart = line.substring("ExecStart=".length());
      } else if (line.startsWith("EnvironmentFile=")) {
        settings.putAll(environmentFile(rooted(root, line.substring("EnvironmentFile=".length()))));
      }
    }
    if (execStart == null) {
      throw new IllegalStateException(UNIT + " has no ExecStart");
    }
    List<String> command = new ArrayList<>();
    for (String word : execStart.trim().split("\\s+")) {
      command.add(rerooted(root, expand(word, settings)));
    }
    return new InstalledUnit(List.copyOf(command), Map.copyOf(settings));
  }

  /** A process builder for the command, with the environment systemd would give it. */
  ProcessBuilder processBuilder() {
    ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("/").toFile());
    builder.environment().clear();
    builder.environment().put("PATH", SYSTEMD_PATH);
    builder.environment().putAll(environment);
    return builder;
  }

  /** KEY="VALUE" lines as install.sh writes them; comments and blank lines skipped. */
  private static Map<String, String> environmentFile(Path file) throws IOException {
    Map<String, String> variables = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher assignment = ASSIGNMENT.matcher(line);
      if (!assignment.matches()) {
        throw new IllegalStateException(file + ": not KEY=\"VALUE\": " + line);
      }
      variables.put(assignment.group(1), assignment.group(2));
    }
    return variables;
  }

  /** systemd's ${VAR}: the variable's value; an unset one is an error here, not an empty word. */
  private static String expand(String word, Map<String, String> variables) {
    Matcher variable = VARIABLE.matcher(word);
    StringBuilder expanded = new StringBuilder();
    while (variable.find()) {
      String value = variables.get(variable.group(1));
      if (value == null) {
        throw new IllegalStateException("ExecStart uses " + variable.group() + ", which is unset");
      }
      variable.appendReplacement(expanded, Matcher.quoteReplacement(value));
    }
    return variable.appendTail(expanded).toString();
  }

  /** An absolute path that exists in the root means the root's copy; anything else stays. */
  private static String rerooted(Path root, String word) {
    if (!word.startsWith("/")) {
      return word;
    }
    Path inRoot = root.resolve(word.substring(1));
    return Files.exists(inRoot) ? inRoot.toString() : word;
  }

  private static Path rooted(Path root, String path) {
    return root.resolve(path.substring(1));
  }
}
