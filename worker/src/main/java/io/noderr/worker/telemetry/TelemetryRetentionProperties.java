package io.noderr.worker.telemetry;

import io.noderr.registry.telemetry.TelemetryRetention;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Telemetry downsampling and retention ({@code noderr.telemetry.retention.*}).
 *
 * <p>{@code noderr.telemetry.retention.interval} (default 30s) sets how often the job runs; it is
 * read by the job's {@code @Scheduled} placeholder, so it is not repeated here.
 *
 * @param raw how long raw samples are kept (default 24 h)
 * @param minute how long 1-minute rollups are kept (default 7 d)
 * @param hour how long 1-hour rollups are kept (default 400 d)
 * @param settleDelay how long after a minute ends before it is rolled up
 * @param maxMinutesPerRun the most minutes one run rolls up (catching up after downtime)
 */
@Validated
@ConfigurationProperties("noderr.telemetry.retention")
public record TelemetryRetentionProperties(
    @NotNull @DefaultValue("24h") Duration raw,
    @NotNull @DefaultValue("7d") Duration minute,
    @NotNull @DefaultValue("400d") Duration hour,
    @NotNull @DefaultValue("15s") Duration settleDelay,
    @Min(1) @Max(10_080) @DefaultValue("60") int maxMinutesPerRun) {

  TelemetryRetention retention() {
    return new TelemetryRetention(raw, minute, hour, settleDelay, maxMinutesPerRun);
  }
}
