package io.noderr.console.agent;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import io.noderr.console.identity.SessionIssuer;
import io.noderr.registry.identity.NodeIdentities;
import io.noderr.registry.node.LivenessRegistry;
import io.noderr.registry.node.NodeEnrollment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * Outside the demo profile the fleet token enrols nothing and renews no session (the demo case is
 * in FleetTokenApiIT).
 */
class AgentServiceTest {

  private final NodeEnrollment enrollment = mock(NodeEnrollment.class);
  private final SessionIssuer sessions = mock(SessionIssuer.class);

  @Test
  void outsideTheDemoProfile_theFleetTokenEnrolsNothing() {
    MockEnvironment prod = new MockEnvironment();
    prod.setActiveProfiles("prod");
    AgentService agents =
        new AgentService(
            enrollment, mock(LivenessRegistry.class), mock(NodeIdentities.class), sessions, prod);

    assertThatThrownBy(
            () ->
                agents.enroll(
                    List.of(new AgentPayloads.Enrollment("n-1", "acme", "ORACLE", "eu", Map.of()))))
        .isInstanceOf(FleetTokenRefusedException.class)
        .hasMessage(
            "the fleet token enrols nodes only in the demo profile; onboard nodes with an install"
                + " token");
    assertThatThrownBy(() -> agents.renewSessions(List.of("n-1")))
        .isInstanceOf(FleetTokenRefusedException.class);
    verifyNoInteractions(enrollment, sessions);
  }
}
