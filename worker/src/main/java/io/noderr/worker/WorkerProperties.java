package io.noderr.worker;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Worker settings ({@code noderr.worker.*}).
 *
 * <p>{@code noderr.worker.sweep-interval} (default 10s) sets how often silent nodes are looked for;
 * it is read by the sweeper's {@code @Scheduled} placeholder, so it is not repeated here.
 *
 * @param silenceBeforeDegraded how long a node may stay silent before it is marked DEGRADED
 */
@Validated
@ConfigurationProperties("noderr.worker")
public record WorkerProperties(@NotNull @DefaultValue("60s") Duration silenceBeforeDegraded) {}
