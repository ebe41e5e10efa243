package io.noderr.registry.telemetry;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The raw samples' hourly partitions (Flyway V16): creates the coming hours' partitions before the
 * ingest writes into them, moves rows that landed in the default partition (an hour that had none
 * yet) into their own hour's, and expires raw samples by dropping whole hours, which costs the same
 * for 10 rows as for 3.6 million and leaves nothing for VACUUM.
 *
 * <p>Runs after {@link TelemetryRollups#run} in a transaction of its own under the same advisory
 * lock: partition DDL locks the table, and holding that lock through a rollup would stall the
 * ingest.
 */
@Repository
public class TelemetryPartitions {

  /** Hours created ahead of the clock, so the ingest writes into a partition of its hour. */
  public static final int HOURS_AHEAD = 3;

  /** What telemetry_samples_partition() names a partition: the prefix and its UTC hour. */
  private static final String PREFIX = "telemetry_samples_p";

  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);

  private final JdbcTemplate jdbc;
  private final TelemetryRollups rollups;

  TelemetryPartitions(JdbcTemplate jdbc, TelemetryRollups rollups) {
    this.jdbc = jdbc;
    this.rollups = rollups;
  }

  /**
   * Keeps the partitions in shape as of {@code now}: deletes default-partition rows past raw
   * retention, moves the rest into partitions of their hours, creates this hour's and the next
   * {@link #HOURS_AHEAD}, and drops every partition whose whole hour is past raw retention and
   * rolled up into minutes. Raw samples are thus kept at least {@code settings.raw()} and at most
   * an hour longer.
   *
   * @return what was done, or {@link PartitionRun#SKIPPED} when another process holds the lock
   */
  @Transactional
  public PartitionRun maintain(Instant now, TelemetryRetention settings) {
    if (!TelemetryRollups.tryLock(jdbc)) {
      return PartitionRun.SKIPPED;
    }
    // DDL waits for the table's lock behind whatever query holds it, and the ingest would queue
    // behind the DDL: give up instead and try again next run (a missing partition only means rows
    // wait in the default one).
    jdbc.execute("SET LOCAL lock_timeout = '5s'");
    Instant cutoff = rawCutoff(now, settings);
    int strayRowsDeleted =
        jdbc.update("DELETE FROM telemetry_samples_default WHERE at < ?", Timestamp.from(cutoff));
    List<Instant> hours = new ArrayList<>();
    jdbc.query(
        "SELECT DISTINCT date_trunc('hour', at, 'UTC') FROM telemetry_samples_default",
        rs -> {
          hours.add(rs.getTimestamp(1).toInstant());
        });
    Instant current = now.truncatedTo(ChronoUnit.HOURS);
    for (int ahead = 0; ahead <= HOURS_AHEAD; ahead++) {
      hours.add(current.plus(Duration.ofHours(ahead)));
    }
    int created = 0;
    for (Instant hour : hours) {
      if (Boolean.TRUE.equals(
          jdbc.queryForObject(
              "SELECT telemetry_samples_partition(?)", Boolean.class, Timestamp.from(hour)))) {
        created++;
      }
    }
    int dropped = 0;
    for (String partition : partitions()) {
      Instant end = hourOf(partition).plus(Duration.ofHours(1));
      if (!end.isAfter(cutoff)) {
        jdbc.execute("DROP TABLE " + partition);
        dropped++;
      }
    }
    return new PartitionRun(true, created, dropped, strayRowsDeleted);
  }

  /** The hourly partitions there are, oldest first (the default partition is not one of them). */
  public List<String> partitions() {
    return jdbc.queryForList(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
            + " WHERE i.inhparent = 'telemetry_samples'::regclass AND c.relname ~ ?"
            + " ORDER BY c.relname",
        String.class,
        "^" + PREFIX + "[0-9]{10}$");
  }

  /** The UTC hour a partition holds, from its name. */
  public static Instant hourOf(String partition) {
    return HOUR.parse(partition.substring(PREFIX.length()), Instant::from);
  }

  /** The name of the partition holding {@code at}. */
  public static String partitionOf(Instant at) {
    return PREFIX + HOUR.format(at);
  }

  /**
   * Raw samples before this may go: past raw retention, and rolled up into minutes (a platform that
   * was down first catches up on the rollups).
   */
  private Instant rawCutoff(Instant now, TelemetryRetention settings) {
    Instant cutoff = now.minus(settings.raw());
    Instant rolled = rollups.rolledUpTo(Resolution.MINUTE);
    return rolled != null && rolled.isBefore(cutoff) ? rolled : cutoff;
  }

  /**
   * What one upkeep did.
   *
   * @param ran false when another process held the lock
   * @param created partitions created (ahead of the clock, or for rows in the default partition)
   * @param dropped hourly partitions dropped past raw retention
   * @param strayRowsDeleted rows of the default partition deleted past raw retention
   */
  public record PartitionRun(boolean ran, int created, int dropped, int strayRowsDeleted) {

    public static final PartitionRun SKIPPED = new PartitionRun(false, 0, 0, 0);
  }
}
