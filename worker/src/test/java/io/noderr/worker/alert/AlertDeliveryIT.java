package io.noderr.worker.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.noderr.activities.TaskQueues;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import io.noderr.registry.alert.AlertDeliveries;
import io.noderr.registry.alert.AlertQuery;
import io.noderr.registry.alert.AlertRow;
import io.noderr.registry.alert.AlertSilences;
import io.noderr.registry.alert.AlertState;
import io.noderr.registry.alert.Alerts;
import io.noderr.registry.alert.DeliveryKind;
import io.noderr.registry.alert.DeliveryRow;
import io.noderr.registry.alert.DeliveryStatus;
import io.noderr.registry.alert.SilenceLimits;
import io.noderr.registry.audit.AuditLog;
import io.noderr.workflows.alert.AlertEvaluationInput;
import io.noderr.workflows.alert.AlertEvaluationWorkflow;
import io.noderr.workflows.alert.AlertEvaluationWorkflowImpl;
import io.noderr.workflows.testing.TestEnvironments;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Alerts end to end on real parts: the evaluation workflow on a time-skipping Temporal test server,
 * the worker's rules and channels against PostgreSQL, a local HTTP receiver standing in for Slack,
 * Discord and a webhook, and an in-process SMTP server (GreenMail) for email. Route: slack, then
 * discord, then email; rounds every 30 s; escalation after 15 min; throttle 1 min.
 */
@ExtendWith(OutputCaptureExtension.class)
class AlertDeliveryIT {

  private static final String SLACK_SECRET = "T0000/B0000/slack-token-do-not-leak";
  private static final String DISCORD_SECRET = "12345/discord-token-do-not-leak";
  private static final String SMTP_PASSWORD = "smtp-password-do-not-leak";
  private static final String SLACK = "/slack/" + SLACK_SECRET;
  private static final String DISCORD = "/discord/" + DISCORD_SECRET;
  private static final String HOOK = "/hook";
  private static final String SIGNER = "0xaaaa000000000000000000000000000000000001";

  private static final Receiver receiver = new Receiver();
  private static final GreenMail smtp = startSmtp();

  @RegisterExtension
  static final RegistryDatabase db =
      RegistryDatabase.create(
          context ->
              AlertWiring.register(
                  context,
                  AlertDeliveryIT::properties,
                  new SilenceLimits(Duration.ofHours(24), Duration.ofMinutes(20))));

  private final Alerts alerts = db.bean(Alerts.class);
  private final AlertDeliveries deliveries = db.bean(AlertDeliveries.class);
  private final AlertSilences silences = db.bean(AlertSilences.class);
  private final AuditLog audit = db.bean(AuditLog.class);
  private TestWorkflowEnvironment env;

  private static GreenMail startSmtp() {
    GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    mail.start();
    mail.setUser("noderr@localhost", "alerts", SMTP_PASSWORD);
    return mail;
  }

  private static AlertProperties properties() {
    Map<String, AlertProperties.Channel> channels =
        Map.of(
            "ops-slack", webhook(AlertProperties.ChannelType.SLACK, SLACK),
            "ops-discord", webhook(AlertProperties.ChannelType.DISCORD, DISCORD),
            "signer-hook", webhook(AlertProperties.ChannelType.WEBHOOK, HOOK),
            "oncall-email",
                new AlertProperties.Channel(
                    AlertProperties.ChannelType.EMAIL,
                    null,
                    "127.0.0.1",
                    smtp.getSmtp().getPort(),
                    "alerts",
                    SMTP_PASSWORD,
                    false,
                    "noderr@localhost",
                    List.of("oncall@example.org"),
                    Duration.ofSeconds(5)));
    return new AlertProperties(
        true,
        Duration.ofSeconds(30),
        100,
        "https://github.com/noderr/noderr/blob/main/docs/alerts.md",
        List.of("ops-slack", "ops-discord", "oncall-email"),
        Duration.ofMinutes(15),
        Duration.ofMinutes(1),
        3,
        channels,
        Map.of(SIGNER, "signer-hook"),
        new AlertProperties.Rules(
            Duration.ofMinutes(5),
            3,
            0.8,
            Duration.ofMinutes(15),
            Duration.ofHours(24),
            Duration.ofHours(24),
            Duration.ofMinutes(5),
            20,
            Duration.ofMinutes(10)));
  }

  private static AlertProperties.Channel webhook(AlertProperties.ChannelType type, String path) {
    return new AlertProperties.Channel(
        type,
        receiver.url(path),
        null,
        25,
        null,
        null,
        false,
        "noderr@localhost",
        List.of(),
        Duration.ofSeconds(5));
  }

  @BeforeEach
  void startTemporal() throws Exception {
    receiver.clear();
    smtp.purgeEmailFromAllMailboxes();
    env = TestEnvironments.newInstance();
    Worker worker = env.newWorker(TaskQueues.PLATFORM);
    worker.registerWorkflowImplementationTypes(AlertEvaluationWorkflowImpl.class);
    worker.registerActivitiesImplementations(db.bean(AlertActivitiesImpl.class));
    env.start();
  }

  @AfterEach
  void stopTemporal() {
    env.close();
  }

  @AfterAll
  static void stopReceivers() {
    receiver.close();
    smtp.stop();
  }

  @Test
  void aSilentNode_isToldOnce_escalatesUnacknowledged_andItsResolutionReachesEveryone()
      throws Exception {
    fleet("eu-west", "n-1", "n-2", "n-3", "n-4");
    silent("n-1", Duration.ofMinutes(10));
    startEvaluation();

    env.sleep(Duration.ofMinutes(2));
    assertThat(receiver.posts(SLACK)).as("one message for one incident, over 4 rounds").hasSize(1);
    JsonNode slack = receiver.posts(SLACK).getFirst().body();
    assertThat(slack.path("text").asText()).isEqualTo("[FIRING] WARNING NodeOffline");
    assertThat(slack.path("blocks").get(0).path("type").asText()).isEqualTo("header");
    assertThat(slack.path("blocks").get(1).path("text").path("type").asText()).isEqualTo("mrkdwn");
    assertThat(slack.path("blocks").get(1).path("text").path("text").asText())
        .contains("node n-1 (eu-west)")
        .contains("<https://github.com/noderr/noderr/blob/main/docs/alerts.md#nodeoffline|runbook>")
        .contains("/api/v1/alerts/");
    assertThat(receiver.posts(DISCORD)).isEmpty();

    env.sleep(Duration.ofMinutes(15));
    assertThat(receiver.posts(DISCORD)).as("escalated after 15 min unacknowledged").hasSize(1);
    JsonNode embed = receiver.posts(DISCORD).getFirst().body().path("embeds").get(0);
    assertThat(embed.path("title").asText()).isEqualTo("[ESCALATED] WARNING NodeOffline");
    assertThat(embed.path("url").asText()).endsWith("docs/alerts.md#nodeoffline");
    assertThat(embed.path("color").asInt()).isEqualTo(0xECB22E);
    assertThat(embed.path("description").asText()).contains("nobody acknowledged it in time");

    env.sleep(Duration.ofMinutes(15));
    await().until(() -> smtp.getReceivedMessages().length == 1);
    MimeMessage email = smtp.getReceivedMessages()[0];
    assertThat(email.getSubject()).isEqualTo("[ESCALATED] WARNING NodeOffline");
    assertThat(email.getAllRecipients()[0].toString()).isEqualTo("oncall@example.org");

    heartbeat("n-1");
    env.sleep(Duration.ofMinutes(2));
    assertThat(receiver.posts(SLACK)).hasSize(2);
    assertThat(receiver.posts(SLACK).get(1).body().path("text").asText())
        .isEqualTo("[RESOLVED] WARNING NodeOffline");
    assertThat(receiver.posts(DISCORD).get(1).body().path("embeds").get(0).path("color").asInt())
        .isEqualTo(0x2EB67D);
    await().until(() -> smtp.getReceivedMessages().length == 2);
    AlertRow resolved = only(AlertState.RESOLVED);
    assertThat(audit.recentFor("alert-" + resolved.id(), 20))
        .extracting(e -> e.action())
        .contains("alert.opened", "alert.delivered", "alert.escalated", "alert.resolved");
  }

  @Test
  void anAcknowledgement_stopsEscalation_untilTheAlertChanges() {
    fleet("eu-west", "n-1", "n-2", "n-3", "n-4");
    silent("n-1", Duration.ofMinutes(10));
    startEvaluation();
    env.sleep(Duration.ofMinutes(1));
    AlertRow firing = only(AlertState.FIRING);

    assertThat(alerts.acknowledge(firing.id(), "alice", "on it", now())).isTrue();
    env.sleep(Duration.ofMinutes(20));
    assertThat(receiver.posts(DISCORD)).as("acknowledged: not escalated").isEmpty();

    // The node moves to another region: a different incident description, the ack is lifted.
    db.jdbc().update("UPDATE nodes SET region = 'eu-north' WHERE id = 'n-1'");
    env.sleep(Duration.ofMinutes(2));
    AlertRow changed = alerts.find(firing.id()).orElseThrow();
    assertThat(changed.acknowledged()).isFalse();
    assertThat(receiver.posts(SLACK)).hasSize(2);
    assertThat(receiver.posts(SLACK).get(1).body().path("text").asText())
        .isEqualTo("[CHANGED] WARNING NodeOffline");
    assertThat(audit.recentFor("alert-" + firing.id(), 20))
        .anySatisfy(e -> assertThat(e.detail()).contains("acknowledgement by alice lifted"));

    env.sleep(Duration.ofMinutes(15));
    assertThat(receiver.posts(DISCORD)).as("escalates again once unowned").hasSize(1);
  }

  @Test
  void aChannel_isThrottled_andWhatQueuedMeanwhileGoesOutAsOneGroup() {
    fleet("eu-west", "n-1", "n-2", "n-3", "n-4", "n-5", "n-6");
    silent("n-1", Duration.ofMinutes(10));
    startEvaluation();
    env.sleep(Duration.ofSeconds(10));
    assertThat(receiver.posts(SLACK)).hasSize(1);

    silent("n-2", Duration.ofMinutes(10));
    env.sleep(Duration.ofSeconds(30));
    silent("n-3", Duration.ofMinutes(10));
    env.sleep(Duration.ofSeconds(5));
    assertThat(receiver.posts(SLACK)).as("throttled for a minute").hasSize(1);

    env.sleep(Duration.ofSeconds(40));
    assertThat(receiver.posts(SLACK)).hasSize(2);
    JsonNode grouped = receiver.posts(SLACK).get(1).body();
    assertThat(grouped.path("text").asText()).isEqualTo("noderr: 2 alert updates");
    assertThat(grouped.path("blocks")).hasSize(3);
  }

  @Test
  void aRegionOutage_isOneAlert_notOnePerNode() {
    fleet("ap-south", "a-1", "a-2", "a-3", "a-4", "a-5");
    fleet("eu-west", "n-1", "n-2", "n-3");
    for (String node : List.of("a-1", "a-2", "a-3", "a-4")) {
      silent(node, Duration.ofMinutes(10));
    }
    startEvaluation();
    env.sleep(Duration.ofMinutes(1));

    AlertRow outage = only(AlertState.FIRING);
    assertThat(outage.rule()).isEqualTo("RegionOutage");
    assertThat(outage.nodes()).containsExactly("a-1", "a-2", "a-3", "a-4");
    assertThat(outage.labels()).containsEntry("region", "ap-south");
    assertThat(receiver.posts(SLACK)).hasSize(1);
    assertThat(receiver.posts(SLACK).getFirst().body().path("text").asText())
        .isEqualTo("[FIRING] CRITICAL RegionOutage");
  }

  @Test
  void aSilencedAlert_staysQuiet_itsResolutionIsStillTold_andTheSilenceEndsWhenIdle() {
    fleet("eu-west", "n-1", "n-2", "n-3", "n-4");
    long silence =
        silences
            .create(
                Map.of("node", "n-1"), "disk swap", "sre", now(), now().plus(Duration.ofHours(4)))
            .id();
    silent("n-1", Duration.ofMinutes(10));
    startEvaluation();

    env.sleep(Duration.ofMinutes(20));
    assertThat(receiver.posts(SLACK)).as("silenced: nothing sent, nothing escalated").isEmpty();
    assertThat(only(AlertState.FIRING).silencedBy()).isEqualTo("silence-" + silence);

    heartbeat("n-1");
    env.sleep(Duration.ofMinutes(1));
    assertThat(receiver.posts(SLACK)).as("the resolution is told anyway").hasSize(1);
    assertThat(receiver.posts(SLACK).getFirst().body().path("blocks").get(1).toString())
        .contains("RESOLVED")
        .contains("it was silenced by silence-" + silence);

    env.sleep(Duration.ofMinutes(21));
    assertThat(silences.find(silence).orElseThrow().expiredReason())
        .isEqualTo("matched nothing for PT20M");
  }

  @Test
  void aRequestWaitingOnSignatures_tellsTheMissingSignersFirst_inTheWebhookShape() {
    db.jdbc()
        .update(
            "INSERT INTO release_requests (id, tier, version, image_digest, status, proposed_by,"
                + " deadline, threshold, last_step) VALUES ('release-1', 'ALL', '1.5.0', ?,"
                + " 'AWAITING_SIGNATURES', 'admin', now() + interval '1 day', 2, 1)",
            "sha256:" + "a".repeat(64));
    startEvaluation();
    env.sleep(Duration.ofMinutes(1));

    assertThat(receiver.posts(HOOK)).hasSize(1);
    JsonNode hook = receiver.posts(HOOK).getFirst().body();
    assertThat(hook.path("version").asText()).isEqualTo("1");
    assertThat(hook.path("status").asText()).isEqualTo("firing");
    JsonNode alert = hook.path("alerts").get(0);
    assertThat(alert.path("labels").path("alertname").asText()).isEqualTo("SignaturesNeeded");
    assertThat(alert.path("labels").path("request").asText()).isEqualTo("release-1");
    assertThat(alert.path("annotations").path("summary").asText()).contains(SIGNER);
    assertThat(receiver.posts(SLACK)).as("the route comes after the signers").isEmpty();

    env.sleep(Duration.ofMinutes(15));
    assertThat(receiver.posts(SLACK)).as("stalled: escalated to the route").hasSize(1);
  }

  @Test
  void aFailingChannel_isRetriedThenGivenUp_andItsSecretIsNeverStoredOrLogged(
      CapturedOutput output) {
    receiver.answer(SLACK, 500);
    fleet("eu-west", "n-1", "n-2", "n-3", "n-4");
    silent("n-1", Duration.ofMinutes(10));
    startEvaluation();

    env.sleep(Duration.ofMinutes(4));
    AlertRow alert = only(AlertState.FIRING);
    List<DeliveryRow> tried = deliveries.of(alert.id());
    assertThat(tried)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.status()).isEqualTo(DeliveryStatus.GAVE_UP);
              assertThat(d.attempts()).isEqualTo(3);
              assertThat(d.kind()).isEqualTo(DeliveryKind.FIRING);
              assertThat(d.lastError()).startsWith("ops-slack: HTTP 500").contains("***");
            });
    assertThat(receiver.posts(SLACK)).hasSize(3);
    String stored =
        String.join(
                "\n",
                db.jdbc()
                    .queryForList(
                        "SELECT coalesce(last_error, '') FROM alert_deliveries", String.class))
            + String.join(
                "\n",
                db.jdbc().queryForList("SELECT coalesce(detail, '') FROM audit_log", String.class));
    assertThat(stored).doesNotContain(SLACK_SECRET).doesNotContain("slack-token");
    assertThat(output.getAll())
        .contains("alert channel failed")
        .doesNotContain(SLACK_SECRET)
        .doesNotContain("slack-token")
        .doesNotContain(DISCORD_SECRET)
        .doesNotContain(SMTP_PASSWORD);
    assertThat(properties().channels().get("ops-slack").toString()).doesNotContain(SLACK_SECRET);
    assertThat(properties().channels().get("oncall-email").toString())
        .doesNotContain(SMTP_PASSWORD);
  }

  private void startEvaluation() {
    AlertEvaluationWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                AlertEvaluationWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(AlertEvaluationWorkflow.WORKFLOW_ID)
                    .setTaskQueue(TaskQueues.PLATFORM)
                    .build());
    WorkflowClient.start(workflow::run, new AlertEvaluationInput(30_000, 100, 0));
  }

  private Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  private void fleet(String region, String... nodes) {
    for (String node : nodes) {
      db.insertNode(node, "op-" + region, Tier.ALL, region, "ACTIVE");
      heartbeat(node);
    }
  }

  /** A heartbeat dated a day ahead keeps the node alive however far a test skips time. */
  private void heartbeat(String node) {
    db.jdbc()
        .update(
            "UPDATE nodes SET last_heartbeat = ? WHERE id = ?",
            Timestamp.from(now().plus(Duration.ofDays(1))),
            node);
  }

  private void silent(String node, Duration since) {
    db.jdbc()
        .update(
            "UPDATE nodes SET last_heartbeat = ? WHERE id = ?",
            Timestamp.from(now().minus(since)),
            node);
  }

  private AlertRow only(AlertState state) {
    List<AlertRow> rows = alerts.search(new AlertQuery(state, null, null, 10));
    assertThat(rows).hasSize(1);
    return rows.getFirst();
  }
}
