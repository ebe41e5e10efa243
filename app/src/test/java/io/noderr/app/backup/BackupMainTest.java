package io.noderr.app.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input to backup and restore is refused in one line, before anything is written. */
class BackupMainTest {

  @TempDir Path dir;

  @Test
  void restore_refusesAMissingFile_aNonBackup_aWrongFormat_aNewerSchema_andANonEmptyDataDir()
      throws Exception {
    Path target = dir.resolve("data");
    Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
    Path noManifest = zip("plain.zip", Map.of("readme", "hi"));
    Path otherFormat =
        zip("other.zip", Map.of("manifest.json", "{\"format\":\"noderr-backup/9\"}"));
    Path newer =
        zip(
            "newer.zip",
            Map.of(
                "manifest.json",
                "{\"format\":\"noderr-backup/1\",\"schemaVersion\":\"999\",\"tables\":{},"
                    + "\"sequences\":{},\"files\":[]}"));
    Path escaping =
        zip(
            "escaping.zip",
            Map.of(
                "manifest.json",
                "{\"format\":\"noderr-backup/1\",\"schemaVersion\":\"1\",\"tables\":{},"
                    + "\"sequences\":{},\"files\":[\"../outside\"]}",
                "files/../outside",
                "x"));

    assertRefused(
            "restore", "--from", dir.resolve("nope").toString(), "--data-dir", target.toString())
        .isEqualTo("no such file: " + dir.resolve("nope"));
    assertRefused("restore", "--from", text.toString(), "--data-dir", target.toString())
        .isEqualTo(text + " is not a Noderr backup (not a zip archive)");
    assertRefused("restore", "--from", noManifest.toString(), "--data-dir", target.toString())
        .isEqualTo(noManifest + " is not a Noderr backup (no manifest.json)");
    assertRefused("restore", "--from", otherFormat.toString(), "--data-dir", target.toString())
        .isEqualTo(
            otherFormat
                + " is a backup of format noderr-backup/9; this noderr restores noderr-backup/1");
    assertRefused("restore", "--from", newer.toString(), "--data-dir", target.toString())
        .startsWith(newer + " holds registry schema version 999; this noderr knows up to ");
    assertRefused("restore", "--from", escaping.toString(), "--data-dir", target.toString())
        .isEqualTo(escaping + " is damaged: file ../outside is outside the data dir");
    assertThat(target).doesNotExist();

    Files.createDirectories(target.resolve("pg"));
    assertRefused("restore", "--from", newer.toString(), "--data-dir", target.toString())
        .isEqualTo(
            "data directory "
                + target
                + " is not empty; restore only into an empty or new directory (--data-dir)");
  }

  @Test
  void backup_refusesAnExistingTarget_andADataDirWithoutAnEmbeddedDatabase() throws Exception {
    Path existing = Files.writeString(dir.resolve("earlier.backup"), "keep me");
    assertRefused("backup", "--to", existing.toString(), "--data-dir", dir.toString())
        .isEqualTo(existing + " already exists; a backup never overwrites a file");
    assertThat(existing).hasContent("keep me");
    assertRefused("backup", "--to", dir.resolve("new").toString(), "--data-dir", dir.toString())
        .startsWith(dir + " holds no embedded PostgreSQL");
  }

  @Test
  void usageMistakes_areNamed() {
    assertThatThrownBy(() -> BackupMain.run()).hasMessage("backup or restore?");
    assertThatThrownBy(() -> BackupMain.run("backup")).hasMessage("backup needs --to FILE");
    assertThatThrownBy(() -> BackupMain.run("restore", "--from"))
        .hasMessage("--from needs a value");
    assertThatThrownBy(() -> BackupMain.run("backup", "--too", "x"))
        .hasMessage("unknown option '--too'");
  }

  @Test
  void theBuildKnowsItsLatestMigration() {
    assertThat(BackupMain.knownSchemaVersion()).isGreaterThanOrEqualTo(9);
  }

  private static org.assertj.core.api.AbstractStringAssert<?> assertRefused(String... args) {
    try {
      BackupMain.run(args);
    } catch (BackupException e) {
      assertThat(e.getMessage()).doesNotContain("\n");
      return assertThat(e.getMessage());
    }
    throw new AssertionError("not refused: " + String.join(" ", args));
  }

  private Path zip(String name, Map<String, String> entries) throws IOException {
    Path file = dir.resolve(name);
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      for (var entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return file;
  }
}
