package io.noderr.console.rollout;

import io.noderr.http.TierNames;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * A deployment as the API takes it. Everything but version and tiers has a default: the canary
 * preset, the image {@code noderr/node:<version>}, the digest the beacon published for the version.
 *
 * @param preset canary (1/10/50/100), phased (5/20/100) or all-at-once; ignored when {@code steps}
 *     is given
 * @param steps custom steps, e.g. {@code ["5%", "25%:manual", "50%:pause=10m", "100%"]} or counts
 *     {@code ["3", "100%"]}
 * @param maxFailurePercentByType tighter gate limits per failure type name, e.g. {@code
 *     {"UNHEALTHY": 5, "TIMEOUT": 10}}
 * @param maintenanceWindows one rule per entry, e.g. {@code "operator=acme region=* Mon-Fri
 *     02:00-05:00 Europe/Berlin"} (see {@link WindowSyntax}); the first rule covering a node wins
 * @param progressDeadlineMinutes the whole rollout, operator pauses excluded, must finish by then
 *     or it rolls back (default 24 h)
 * @param analysis the gate's telemetry analysis, one rule per entry, e.g. {@code
 *     ["errorRate<=1.5x", "latencyP95<=2x", "blockLag<=5", "peers>=3", "attestationAge<=24h"]} (see
 *     {@link AnalysisSyntax}); none by default
 */
public record DeploymentForm(
    @NotBlank @Size(max = 64) String version,
    @NotEmpty @Size(max = 3)
        List<@Pattern(regexp = TierNames.PATTERN, message = TierNames.MESSAGE) String> tiers,
    @Size(max = 200) String image,
    @Size(max = 80) String imageDigest,
    @Pattern(
            regexp = "canary|phased|all-at-once",
            message = "must be canary, phased or all-at-once")
        String preset,
    @Size(max = 20) List<@Size(max = 40) String> steps,
    @Min(1) @Max(2000) Integer maxParallel,
    @Min(0) @Max(1_000_000) Integer ratePerMinute,
    @DecimalMin("1") @DecimalMax("10") Double ramp,
    @Min(0) @Max(3600) Integer soakSeconds,
    @Min(1) @Max(86_400) Integer perNodeDeadlineSeconds,
    @Min(0) @Max(100) Double maxFailurePercent,
    @Min(0) @Max(100_000) Integer minExecuted,
    @Min(0) @Max(100_000) Integer maxConsecutiveFailures,
    @Pattern(regexp = "ROLLBACK|PAUSE", message = "must be ROLLBACK or PAUSE") String onGateFailure,
    @Pattern(
            regexp = "HAND_OVER|DOWNLOAD_THEN_SWAP",
            message = "must be HAND_OVER or DOWNLOAD_THEN_SWAP")
        String updateStrategy,
    @Min(0) @Max(720) Integer rollbackWindowHours,
    @Size(max = 10)
        Map<@NotNull @Size(max = 40) String, @NotNull @DecimalMin("0") @DecimalMax("100") Double>
            maxFailurePercentByType,
    @Size(max = 50) List<@NotNull @Size(max = 200) String> maintenanceWindows,
    @Min(1) @Max(10_080) Integer progressDeadlineMinutes,
    @Size(max = 10) List<@NotNull @Size(max = 60) String> analysis) {}
