package io.noderr.app.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The claim of one running platform on its data directory: an exclusive lock on {@code
 * platform.lock}, held for the life of the process. The operating system releases it when the
 * process ends in any way, {@code kill -9} included, so a lock that can be taken means whatever
 * else the data directory still shows running (its PostgreSQL) was left by a platform that is gone.
 */
final class DataDirLock implements AutoCloseable {

  static final String FILE = "platform.lock";

  /** The lock files this JVM holds (two platforms in one JVM: tests). */
  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * @throws PlatformStartupException if a running platform holds the directory
   */
  static DataDirLock acquire(Path dataDir) {
    Path file = dataDir.resolve(FILE).toAbsolutePath().normalize();
    if (!HELD_HERE.add(file)) {
      throw inUse(dataDir, "pid " + ProcessHandle.current().pid());
    }
    FileChannel channel = null;
    try {
      Files.createDirectories(dataDir);
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        String owner = Files.readString(file, StandardCharsets.UTF_8).strip();
        channel.close();
        HELD_HERE.remove(file);
        throw inUse(dataDir, owner);
      }
      // Who holds it, for the refusal above; the lock itself is what counts, not this text.
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              ("pid " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)),
          0);
      return new DataDirLock(file, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      HELD_HERE.remove(file);
      throw new PlatformStartupException(
          "cannot lock the data directory " + dataDir + ": " + e.getMessage(),
          "check the directory is writable, or use --data-dir");
    }
  }

  /** Whether a running platform (another process, or this one) holds {@code dataDir}. */
  static boolean isHeld(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (HELD_HERE.contains(file.toAbsolutePath().normalize())) {
      // Never open a second channel on a file this JVM locks: on Linux, closing it would drop the
      // lock (POSIX record locks belong to the process, not to the channel).
      return true;
    }
    if (!Files.exists(file)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      FileLock lock = tryLock(channel);
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  private static PlatformStartupException inUse(Path dataDir, String owner) {
    return new PlatformStartupException(
        "data directory "
            + dataDir
            + " is in use by a running Noderr platform"
            + (owner.isEmpty() ? "" : " (" + owner + ")"),
        "stop that platform first, or start this one with another --data-dir");
  }

  /** Null when another process holds it. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // this JVM holds it after all
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // The channel's close below releases it too.
    }
    closeQuietly(channel);
    HELD_HERE.remove(file);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing to do: the process's end releases it.
    }
  }
}
