package io.noderr.app;

import io.noderr.agent.platform.PlatformClient;
import io.noderr.cli.sim.FailurePlan;
import io.noderr.cli.sim.FleetSimulator;
import io.noderr.cli.sim.FleetState;
import io.noderr.cli.sim.SimulatedFleetSpec;
import io.noderr.cli.sim.TokenEnrollment;
import io.noderr.console.sim.SimulatedFleetControl;
import io.noderr.gateway.agent.EmbeddedFleetCredential;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The simulated fleet of {@code noderr up}: the same agents as {@code noderr sim}, talking to this
 * process over loopback HTTP and gRPC. Like real agents they poll through the node gateway, each
 * with its own node session (issued at enrolment and renewed in batches), over one pinned TLS
 * connection for the whole fleet (docs/gateway.md). They enrol with the gateway's in-memory
 * embedded-fleet credential, handed over in-process, so the demo fleet has ORACLE and GUARDIAN
 * nodes while the fleet token (a file other processes can read) enrols tier ALL only.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${noderr.role:all}' == 'all' && ${noderr.sim.nodes:0} > 0")
@EnableConfigurationProperties(EmbeddedFleet.SimProperties.class)
class EmbeddedFleet implements DisposableBean, SimulatedFleetControl {

  private final SimProperties properties;
  private final EmbeddedFleetCredential credential;
  private volatile FleetSimulator simulator;

  EmbeddedFleet(SimProperties properties, EmbeddedFleetCredential credential) {
    this.properties = properties;
    this.credential = credential;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void start(ApplicationReadyEvent ready) {
    var context = (WebServerApplicationContext) ready.getApplicationContext();
    var env = ready.getApplicationContext().getEnvironment();
    URI platform = URI.create("http://127.0.0.1:" + context.getWebServer().getPort());
    SimulatedFleetSpec spec =
        new SimulatedFleetSpec(
            "sim",
            properties.nodes(),
            properties.version(),
            new FailurePlan(
                properties.unhealthyPercent(),
                properties.slowPercent(),
                properties.crashPercent(),
                properties.silentPercent(),
                FailurePlan.NONE.slowDelayMillis(),
                FailurePlan.NONE.crashRestartMillis()),
            true);
    PlatformClient client = new PlatformClient(platform, credential.secret());
    TokenEnrollment enrollment = new TokenEnrollment(client);
    String namespace = env.getRequiredProperty("noderr.temporal.namespace");
    String direct =
        properties.bypassGateway() ? env.getRequiredProperty("noderr.temporal.target") : null;
    String credential = env.getProperty("noderr.temporal.credential", "");
    // Kept in the data directory, as real nodes keep their containers across a platform restart.
    FleetState state =
        FleetState.open(
            Path.of(env.getRequiredProperty("noderr.data-dir"))
                .resolve("sim")
                .resolve(spec.idPrefix() + ".json"));
    simulator =
        new FleetSimulator(
            spec,
            () -> enrollment.connect(direct, namespace, credential.isBlank() ? null : credential),
            enrollment,
            client,
            state);
    simulator.releaseFaults().apply(properties.releaseFaults());
    simulator.start(properties.heartbeatInterval(), properties.telemetryInterval());
  }

  @Override
  public int nodes() {
    return properties.nodes();
  }

  @Override
  public String releaseFaults() {
    return fleet().releaseFaults().spec();
  }

  @Override
  public void applyReleaseFaults(String spec) {
    fleet().releaseFaults().apply(spec);
  }

  @Override
  public Map<String, Map<String, Integer>> appliedUpdates() {
    return fleet().state().appliedUpdates();
  }

  private FleetSimulator fleet() {
    FleetSimulator started = simulator;
    if (started == null) {
      throw new IllegalStateException("the simulated fleet is still starting");
    }
    return started;
  }

  @Override
  public void destroy() {
    if (simulator != null) {
      simulator.close();
    }
  }

  /**
   * {@code noderr.sim.*}: the embedded fleet. {@code bypassGateway}: poll the embedded Temporal
   * frontend directly instead of through the node gateway, only to measure what the gateway costs
   * ({@code ./noderr bench rollout --direct}). {@code telemetryInterval}: how often each node
   * reports telemetry.
   */
  @ConfigurationProperties("noderr.sim")
  record SimProperties(
      @DefaultValue("50") int nodes,
      @DefaultValue("1.0.0") String version,
      @DefaultValue("15s") Duration heartbeatInterval,
      @DefaultValue("10s") Duration telemetryInterval,
      @DefaultValue("0") int unhealthyPercent,
      @DefaultValue("0") int slowPercent,
      @DefaultValue("0") int crashPercent,
      @DefaultValue("0") int silentPercent,
      @DefaultValue("") String releaseFaults,
      @DefaultValue("false") boolean bypassGateway) {}
}
