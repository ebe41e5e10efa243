package io.noderr.app.backup;

import java.util.List;
import java.util.Map;

/**
 * What a backup holds, stored as {@code manifest.json} in it: the tables of the registry (rows in
 * {@code db/<table>.copy}, PostgreSQL's COPY text format), the sequences' values, the schema
 * version they belong to, and the data-directory files (under {@code files/}).
 *
 * @param format {@link #FORMAT}; a restore refuses any other
 * @param schemaVersion the registry's Flyway version when the backup was taken
 * @param tables table name to row count, in the order they were copied
 * @param sequences sequence name to its last value
 * @param files the data-directory files, as paths relative to it ({@code /}-separated)
 */
record BackupManifest(
    String format,
    String createdAt,
    String platformVersion,
    String schemaVersion,
    Map<String, Long> tables,
    Map<String, Long> sequences,
    List<String> files) {

  static final String FORMAT = "noderr-backup/1";
  static final String ENTRY = "manifest.json";
  static final String TABLES = "db/";
  static final String FILES = "files/";

  /** Table and sequence names a restore accepts: what our migrations create, nothing to quote. */
  static final String NAME = "[a-z_][a-z0-9_]{0,62}";
}
