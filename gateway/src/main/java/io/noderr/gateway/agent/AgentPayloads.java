package io.noderr.gateway.agent;

import io.noderr.http.TierNames;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** JSON bodies of the agent API, validated before anything is written. */
public final class AgentPayloads {

  static final String ID = "[a-z0-9][a-z0-9._-]{0,62}";
  static final String ID_MESSAGE = "must be 1-63 lower-case letters, digits, '.', '_' or '-'";

  private AgentPayloads() {}

  public record Enrollment(
      @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String nodeId,
      @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String operator,
      @NotNull @Pattern(regexp = TierNames.PATTERN, message = TierNames.MESSAGE) String tier,
      @NotNull
          @Pattern(
              regexp = "[a-z0-9-]{1,32}",
              message = "must be 1-32 lower-case letters, digits or '-'")
          String region,
      @Size(max = 32, message = "at most 32 labels")
          Map<@Size(min = 1, max = 64) String, @NotNull @Size(max = 128) String> labels) {}

  public record EnrollmentBatch(
      @NotEmpty @Size(max = 1000, message = "at most 1000 nodes per request")
          List<@NotNull @Valid Enrollment> nodes) {}

  /** Nodes whose sessions the fleet token renews (at most 500: one renewal batch). */
  public record SessionBatch(
      @NotEmpty @Size(max = 500, message = "at most 500 nodes per request")
          List<@NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String> nodeIds) {}

  public record Heartbeat(
      @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String nodeId,
      @NotBlank @Size(max = 64) String version,
      @Pattern(regexp = "|sha256:[0-9a-f]{64}", message = "must be sha256:<64 hex digits>")
          String imageDigest,
      @NotNull @Pattern(regexp = "HEALTHY|UNHEALTHY", message = "must be HEALTHY or UNHEALTHY")
          String health,
      @NotNull @DecimalMin("0") @DecimalMax("100") Double cpuPercent,
      @NotNull @DecimalMin("0") @DecimalMax("100") Double memoryPercent,
      @NotNull @DecimalMin("0") @DecimalMax("100") Double diskPercent) {}

  public record HeartbeatBatch(
      @NotEmpty @Size(max = 1000, message = "at most 1000 reports per request")
          List<@NotNull @Valid Heartbeat> reports) {}
}
