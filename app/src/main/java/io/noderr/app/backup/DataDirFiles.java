package io.noderr.app.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    List<Path> tops;
    try (Stream<Path> entries = Files.list(dataDir)) {
      // Never walk pg/: PostgreSQL creates and removes files in it while we would be looking.
      tops = entries.filter(top -> !NOT_STATE.contains(top.getFileName().toString())).toList();
    }
    List<String> files = new ArrayList<>();
    for (Path top : tops) {
      try (Stream<Path> all = Files.walk(top)) {
        all.filter(Files::isRegularFile)
            .map(dataDir::relativize)
            .filter(DataDirFiles::isComplete)
            .map(path -> path.toString().replace('\\', '/'))
            .forEach(files::add);
      }
    }
    files.sort(null);
    return files;
  }

  /** Not a file being replaced (a hidden temporary file renamed over it when complete). */
  private static boolean isComplete(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return false;
      }
    }
    return true;
  }
}
