package io.noderr.gateway.telemetry;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Telemetry ingest settings ({@code noderr.telemetry.ingest.*}).
 *
 * @param queueCapacity reports accepted but not yet written; beyond it a batch is refused with 503
 *     (30 s of a 10,000-node fleet by default, so a database hiccup does not refuse anything)
 * @param maxBatch reports written per INSERT
 * @param retryDelay wait before writing a batch again after the database refused it
 */
@Validated
@ConfigurationProperties("noderr.telemetry.ingest")
public record TelemetryIngestProperties(
    @Min(1) @Max(10_000_000) @DefaultValue("30000") int queueCapacity,
    @Min(1) @Max(10_000) @DefaultValue("1000") int maxBatch,
    @NotNull @DefaultValue("1s") Duration retryDelay) {}
