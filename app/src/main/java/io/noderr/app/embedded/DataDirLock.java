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

/**
 * The claim of one running platform on its data directory: an exclusive lock on {@code
 * platform.lock}, held for the life of the process. The operating system releases it when the
 * process ends in any way, {@code kill -9} included, so a lock that can be taken means whatever
 * else the data directory still shows running (its PostgreSQL) was left by a platform that is gone.
 */
final class DataDirLock implements AutoCloseable {

  static final String FILE = "platform.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * @throws PlatformStartupException if a running platform holds the directory
   */
  static DataDirLock acquire(Path dataDir) {
    Path file = dataDir.resolve(FILE);
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
        throw new PlatformStartupException(
            "data directory "
                + dataDir
                + " is in use by a running Noderr platform"
                + (owner.isEmpty() ? "" : " (" + owner + ")"),
            "stop that platform first, or start this one with another --data-dir");
      }
      // Who holds it, for the refusal above; the lock itself is what counts, not this text.
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              ("pid " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)),
          0);
      return new DataDirLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new PlatformStartupException(
          "cannot lock the data directory " + dataDir + ": " + e.getMessage(),
          "check the directory is writable, or use --data-dir");
    }
  }

  /** Null when another process holds it, or this one already does (two platforms in one JVM). */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
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
