package io.noderr.worker;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Worker settings ({@code noderr.worker.*}).
 *
 * @param silenceBeforeDegraded how long a node may stay silent before it is marked DEGRADED
 * @param sweepInterval how often silent nodes are looked for
 */
@Validated
@ConfigurationProperties("noderr.worker")
public record WorkerProperties(
    @NotNull @DefaultValue("60s") Duration silenceBeforeDegraded,
    @NotNull @DefaultValue("10s") Duration sweepInterval) {}
