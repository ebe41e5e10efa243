package io.noderr.gateway.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.noderr.gateway.http.NodeRoles;
import io.noderr.gateway.identity.SessionIssuer;
import io.noderr.gateway.telemetry.TelemetryIngest;
import io.noderr.gateway.telemetry.TelemetryPayloads;
import io.noderr.registry.identity.NodeIdentities;
import io.noderr.registry.node.LivenessRegistry;
import io.noderr.registry.node.NodeEnrollment;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Outside the demo profile the fleet token enrols nothing and renews no session; in it, tier ALL
 * only, while the embedded fleet's credential enrols any tier (the HTTP cases are in
 * FleetTokenApiIT).
 */
class AgentServiceTest {

  private static final Authentication FLEET_TOKEN = caller(NodeRoles.FLEET);
  private static final Authentication EMBEDDED_FLEET =
      caller(NodeRoles.FLEET, NodeRoles.EMBEDDED_FLEET);

  private final NodeEnrollment enrollment = mock(NodeEnrollment.class);
  private final SessionIssuer sessions = mock(SessionIssuer.class);
  private final NodeIdentities identities = mock(NodeIdentities.class);
  private final TelemetryIngest telemetry = mock(TelemetryIngest.class);

  @Test
  void outsideTheDemoProfile_theFleetTokenEnrolsNothing() {
    MockEnvironment prod = new MockEnvironment();
    prod.setActiveProfiles("prod");
    AgentService agents =
        new AgentService(
            enrollment, mock(LivenessRegistry.class), identities, sessions, telemetry, prod);

    assertThatThrownBy(
            () ->
                agents.enroll(
                    List.of(new AgentPayloads.Enrollment("n-1", "acme", "ALL", "eu", Map.of())),
                    FLEET_TOKEN))
        .isInstanceOf(FleetTokenRefusedException.class)
        .hasMessage(
            "the fleet token enrols nodes only in the demo profile; onboard nodes with an install"
                + " token");
    assertThatThrownBy(() -> agents.renewSessions(List.of("n-1"), FLEET_TOKEN))
        .isInstanceOf(FleetTokenRefusedException.class);
    verifyNoInteractions(enrollment, sessions);
  }

  @Test
  void inTheDemo_theFleetTokenEnrolsTierAllOnly_theEmbeddedFleetAnyTier() {
    MockEnvironment demo = new MockEnvironment();
    demo.setActiveProfiles("demo");
    AgentService agents =
        new AgentService(
            enrollment, mock(LivenessRegistry.class), identities, sessions, telemetry, demo);
    List<AgentPayloads.Enrollment> oracle =
        List.of(new AgentPayloads.Enrollment("n-2", "acme", "ORACLE", "eu", Map.of()));

    assertThatThrownBy(() -> agents.enroll(oracle, FLEET_TOKEN))
        .isInstanceOf(FleetTokenRefusedException.class)
        .hasMessageStartingWith("the fleet token enrols tier ALL nodes only");
    verifyNoInteractions(enrollment, sessions);

    when(identities.beyondFleetCredential(List.of("n-2"), true)).thenReturn(Set.of());
    when(enrollment.enroll(anyList(), eq("agent"))).thenReturn(List.of("n-2"));
    assertThat(agents.enroll(oracle, EMBEDDED_FLEET).admitted()).containsExactly("n-2");
  }

  @Test
  void aNodeReportsTelemetryOnlyForItself_aBatchNamingAnotherNodeQueuesNothing() {
    AgentService agents =
        new AgentService(
            enrollment,
            mock(LivenessRegistry.class),
            identities,
            sessions,
            telemetry,
            new MockEnvironment());
    Authentication node1 = node("n-1");

    assertThatThrownBy(() -> agents.telemetry(List.of(report("n-1"), report("n-2")), node1))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("a node may report only for itself");
    verifyNoInteractions(telemetry);

    assertThat(agents.telemetry(List.of(report("n-1")), node1)).isEqualTo(1);
    verify(telemetry)
        .accept(
            argThat(samples -> samples.size() == 1 && samples.getFirst().nodeId().equals("n-1")));
  }

  @Test
  void theFleetTokenReportsTelemetryOnlyForTheNodesItSpeaksFor() {
    AgentService agents =
        new AgentService(
            enrollment,
            mock(LivenessRegistry.class),
            identities,
            sessions,
            telemetry,
            new MockEnvironment());
    when(identities.beyondFleetCredential(List.of("n-proven"), false))
        .thenReturn(Set.of("n-proven"));

    assertThatThrownBy(() -> agents.telemetry(List.of(report("n-proven")), FLEET_TOKEN))
        .isInstanceOf(FleetTokenRefusedException.class);
    verifyNoInteractions(telemetry);
  }

  private static TelemetryPayloads.Report report(String nodeId) {
    return new TelemetryPayloads.Report(
        nodeId, null, "1.0.0", "HEALTHY", 10.0, 20.0, 30.0, 4.0, Map.of(), 0, Map.of(), 50, 90.0,
        0L, 12, 0, 3, 4);
  }

  private static Authentication node(String nodeId) {
    return new UsernamePasswordAuthenticationToken(
        nodeId, null, List.of(new SimpleGrantedAuthority("ROLE_" + NodeRoles.NODE)));
  }

  private static Authentication caller(String... roles) {
    return new UsernamePasswordAuthenticationToken(
        "fleet",
        null,
        Stream.of(roles).map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList());
  }
}
