package io.noderr.app.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The state a platform keeps in its data directory besides its database: the node gateway's
 * certificate and private key ({@code gateway/}), the fleet agent token ({@code agent-token}), the
 * simulated fleet ({@code sim/}). Not state: the database's own files (backed up through
 * PostgreSQL), the lock, the Temporal credential (new at every start), temporary files.
 */
final class DataDirFiles {

  private static final Set<String> NOT_STATE = Set.of("pg", "platform.lock", "temporal-credential");

  private DataDirFiles() {}

  /** The state files, relative to {@code dataDir}, {@code /}-separated. */
  static List<String> list(Path dataDir) throws IOException {
    try (Stream<Path> all = Files.walk(dataDir)) {
      return all.filter(Files::isRegularFile)
          .map(dataDir::relativize)
          .filter(DataDirFiles::isState)
          .map(path -> path.toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  private static boolean isState(Path relative) {
    if (NOT_STATE.contains(relative.getName(0).toString())) {
      return false;
    }
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return false; // a file being replaced (temporary + rename)
      }
    }
    return true;
  }
}
