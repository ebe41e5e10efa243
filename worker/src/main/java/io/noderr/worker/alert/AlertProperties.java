package io.noderr.worker.alert;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alerting settings ({@code noderr.alerts.*}). Channel secrets (webhook URLs, SMTP passwords) come
 * from environment variables through placeholders; {@link Channel#toString} masks them so this
 * record can never print one.
 *
 * @param enabled whether the platform starts its evaluation workflow
 * @param interval time between two evaluation rounds
 * @param roundsPerRun rounds before the workflow continues as new
 * @param runbookBase the runbook document; rules link to sections of it ({@code base#anchor})
 * @param route channel names in escalation order: the first is told first, the next when nobody
 *     acknowledged within {@code escalateAfter}
 * @param escalateAfter how long an unacknowledged alert waits before the next channel is told
 * @param throttle the least time between two messages to one channel; what queues meanwhile goes
 *     out together
 * @param maxAttempts sends of one notification before it is given up
 * @param channels configured channels by name; one without its URL or host is left out
 * @param signers signer address (lower case) to the name of the channel that reaches them
 * @param rules thresholds of the rules
 */
@ConfigurationProperties("noderr.alerts")
public record AlertProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("30s") Duration interval,
    @DefaultValue("100") int roundsPerRun,
    @DefaultValue("docs/alerts.md") String runbookBase,
    @DefaultValue({}) List<String> route,
    @DefaultValue("15m") Duration escalateAfter,
    @DefaultValue("1m") Duration throttle,
    @DefaultValue("5") int maxAttempts,
    @DefaultValue({}) Map<String, Channel> channels,
    @DefaultValue({}) Map<String, String> signers,
    @DefaultValue Rules rules) {

  public AlertProperties {
    route = List.copyOf(route);
    channels = Map.copyOf(channels);
    signers = Map.copyOf(signers);
    if (roundsPerRun < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException(
          "noderr.alerts.rounds-per-run and max-attempts must be at least 1");
    }
  }

  /** Channel kinds, each with its real payload shape. */
  public enum ChannelType {
    SLACK,
    DISCORD,
    WEBHOOK,
    EMAIL
  }

  /**
   * One channel.
   *
   * @param url the webhook URL (SLACK, DISCORD, WEBHOOK): a secret
   * @param smtpHost SMTP server (EMAIL)
   * @param password SMTP password (EMAIL): a secret
   * @param to recipients (EMAIL)
   */
  public record Channel(
      ChannelType type,
      String url,
      String smtpHost,
      @DefaultValue("25") int smtpPort,
      String username,
      String password,
      @DefaultValue("false") boolean starttls,
      @DefaultValue("noderr@localhost") String from,
      @DefaultValue({}) List<String> to,
      @DefaultValue("10s") Duration timeout) {

    public Channel {
      to = List.copyOf(to);
    }

    /**
     * Whether nothing that addresses it is set (no URL, no SMTP host or recipient): the default for
     * every channel until someone sets one up, not a mistake worth a warning.
     */
    public boolean unset() {
      return (url == null || url.isBlank())
          && (smtpHost == null || smtpHost.isBlank())
          && to.isEmpty();
    }

    /** Whether enough is configured to send anything. */
    public boolean usable() {
      return type != null
          && (type == ChannelType.EMAIL
              ? smtpHost != null && !smtpHost.isBlank() && !to.isEmpty()
              : url != null && !url.isBlank());
    }

    @Override
    public String toString() {
      return "Channel[type="
          + type
          + ", url="
          + masked(url)
          + ", smtpHost="
          + smtpHost
          + ", smtpPort="
          + smtpPort
          + ", username="
          + username
          + ", password="
          + masked(password)
          + ", to="
          + to
          + "]";
    }

    private static String masked(String secret) {
      return secret == null || secret.isEmpty() ? "" : "***";
    }
  }

  /**
   * @param offlineAfter a node silent this long is offline
   * @param outageMinNodes a region or operator with at least this many nodes...
   * @param outageFraction ...of which at least this share is offline has an outage: one alert
   * @param beaconStallAfter the beacon follower's cursor has not moved for this long
   * @param rollbackWindow a rolled-back rollout alerts for this long
   * @param emergencyWindow a finished emergency alerts for this long after it acted
   * @param authWindow window over which refused node authentications are counted
   * @param authThreshold refusals within the window that make a spike
   * @param rolloutUpdateWindow a node of a rollout's current wave stays silenced this long after
   *     its update result
   * @param anomalyWindow the recent window judged against the node's own baseline
   * @param baselineWindow how far back the baseline reaches (complete hours, ending an hour ago)
   * @param errorRateFactor recent error rate at least this many times the baseline's...
   * @param errorRateFloor ...and at least this share of requests is an anomaly
   * @param latencyFactor recent p95 at least this many times the baseline's...
   * @param latencyFloorMs ...and at least this many ms is an anomaly
   * @param anomalyMinRequests requests needed in each window before a rate means anything
   */
  public record Rules(
      @DefaultValue("5m") Duration offlineAfter,
      @DefaultValue("3") int outageMinNodes,
      @DefaultValue("0.8") double outageFraction,
      @DefaultValue("15m") Duration beaconStallAfter,
      @DefaultValue("24h") Duration rollbackWindow,
      @DefaultValue("24h") Duration emergencyWindow,
      @DefaultValue("5m") Duration authWindow,
      @DefaultValue("20") int authThreshold,
      @DefaultValue("10m") Duration rolloutUpdateWindow,
      @DefaultValue("10m") Duration anomalyWindow,
      @DefaultValue("6h") Duration baselineWindow,
      @DefaultValue("3") double errorRateFactor,
      @DefaultValue("0.01") double errorRateFloor,
      @DefaultValue("2") double latencyFactor,
      @DefaultValue("50") double latencyFloorMs,
      @DefaultValue("100") long anomalyMinRequests) {}
}
