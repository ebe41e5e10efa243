package io.noderr.gateway.telemetry;

import io.noderr.http.BadRequestException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The telemetry report body ({@code POST /api/v1/agent/telemetry}), validated before queueing. */
public final class TelemetryPayloads {

  private static final String ID = "[a-z0-9][a-z0-9._-]{0,62}";
  private static final String ID_MESSAGE =
      "must be 1-63 lower-case letters, digits, '.', '_' or '-'";
  private static final String NAME = "[a-z0-9][a-z0-9._-]{0,63}";

  private TelemetryPayloads() {}

  /**
   * How far a report's own time may be ahead of the platform's clock (clock skew between hosts).
   */
  public static final Duration MAX_AHEAD = Duration.ofMinutes(2);

  /**
   * How old a report may be when it arrives: an agent keeps and resends what the platform could not
   * take, but by an hour its minutes are long rolled up, and a node must not write far into the
   * past.
   */
  public static final Duration MAX_AGE = Duration.ofHours(1);

  /**
   * One node's report of the interval since its previous one (counters are deltas).
   *
   * @param at when the agent collected it; a report resent after a timeout keeps its time, so the
   *     platform stores it once (null, from agents older than this field: the time it arrived)
   * @param platformRttMs round trip to the platform, ms
   * @param peerRttMs round trip to each configured peer, ms, by peer id (at most 16)
   * @param errorsByType errors of the interval by type (at most 32 types)
   */
  public record Report(
      @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String nodeId,
      Instant at,
      @NotBlank @Size(max = 64) String version,
      @NotNull @Pattern(regexp = "HEALTHY|UNHEALTHY", message = "must be HEALTHY or UNHEALTHY")
          String health,
      @NotNull @DecimalMin("0") @DecimalMax("100") Double cpuPercent,
      @NotNull @DecimalMin("0") @DecimalMax("100") Double memoryPercent,
      @NotNull @DecimalMin("0") @DecimalMax("100") Double diskPercent,
      @DecimalMin("0") @DecimalMax("600000") Double platformRttMs,
      @Size(max = 16, message = "at most 16 peers")
          Map<
                  @Pattern(regexp = ID, message = ID_MESSAGE) String,
                  @NotNull @DecimalMin("0") @DecimalMax("600000") Double>
              peerRttMs,
      @NotNull @Min(0) @Max(100_000_000) Integer errors,
      @Size(max = 32, message = "at most 32 error types")
          Map<
                  @Pattern(
                      regexp = NAME,
                      message = "must be 1-64 lower-case letters, digits, '.', '_' or '-'")
                  String,
                  @NotNull @Min(0) @Max(100_000_000) Integer>
              errorsByType,
      @NotNull @Min(0) @Max(100_000_000) Integer requests,
      @DecimalMin("0") @DecimalMax("600000") Double latencyP95Ms,
      @PositiveOrZero Long blockLag,
      @Min(0) @Max(100_000) Integer peers,
      @Min(0) @Max(100_000_000) Integer missedDuties,
      @Min(0) @Max(100_000_000) Integer trades,
      @Min(0) @Max(100_000_000) Integer orders) {

    /**
     * The sample's time: the report's own, when within {@link #MAX_AGE} before and {@link
     * #MAX_AHEAD} after {@code received}.
     *
     * @param received the platform's clock when the batch arrived
     * @param index the report's place in the batch, for the message
     * @throws BadRequestException when the report's time is outside that window
     */
    public Instant sampledAt(Instant received, int index) {
      if (at == null) {
        return received;
      }
      if (at.isAfter(received.plus(MAX_AHEAD))) {
        throw new BadRequestException(
            "reports[%d].at: %s is ahead of the platform's clock (%s) by more than %s; check the node's clock"
                .formatted(index, at, received, MAX_AHEAD));
      }
      if (at.isBefore(received.minus(MAX_AGE))) {
        throw new BadRequestException(
            "reports[%d].at: %s is more than %s before the platform's clock (%s): too late to store, or the node's clock is behind"
                .formatted(index, at, MAX_AGE, received));
      }
      return at;
    }
  }

  public record Batch(
      @NotEmpty @Size(max = 1000, message = "at most 1000 reports per request")
          List<@NotNull @Valid Report> reports) {}

  /** The answer: how many reports were queued (all of the batch). */
  public record Accepted(int accepted) {}
}
