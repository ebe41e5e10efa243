package io.noderr.console.views;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;

import com.github.mvysny.fakeservlet.FakeHttpSession;
import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.RouteAccessDeniedError;
import com.vaadin.flow.router.RouteNotFoundError;
import com.vaadin.flow.server.VaadinSession;
import io.noderr.console.AbstractConsoleIT;
import io.noderr.console.security.OperatorPrincipal;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import kotlin.jvm.functions.Function0;
import kotlin.jvm.functions.Function1;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Karibu's browserless Vaadin on the real Spring context: Spring-made views and layouts, Vaadin's
 * view access control, method security on the services. A test logs a demo user in with {@link
 * #startAs} (any roles with {@link #startWithRoles}, or no one with {@link #startAnonymous}) and
 * then navigates.
 */
abstract class AbstractKaribuIT extends AbstractConsoleIT {

  /**
   * The console's views with Vaadin's own error views, as in the running console. (Karibu's mock
   * error views throw from inside navigation, which Vaadin swallows into an internal-error page.)
   */
  private static final Routes ROUTES =
      new Routes(
          new Routes().autoDiscoverViews("io.noderr.console.views").getRoutes(),
          Set.of(RouteNotFoundError.class, RouteAccessDeniedError.class),
          true);

  @Autowired ApplicationContext context;
  @Autowired UserDetailsService users;
  @Autowired JdbcTemplate jdbc;
  @Autowired WorkflowClient temporal;

  private Function1<FakeHttpSession, FakeRequest> defaultRequests;

  @BeforeEach
  void rememberKaribuDefaults() {
    defaultRequests = MockVaadin.getMockRequestFactory();
  }

  @AfterEach
  void stopVaadin() {
    MockVaadin.tearDown();
    MockVaadin.setMockRequestFactory(defaultRequests);
    SecurityContextHolder.clearContext();
  }

  /**
   * Empties the fleet and everything that points at its nodes (rollouts, deployments, sessions,
   * emergency quarantines, reward epochs), so a test sees only the nodes it enrolls. The test
   * classes share one database; the audit log is append-only and stays.
   */
  void emptyFleet() {
    jdbc.execute(
        "TRUNCATE rollout_checkpoints, rollout_targets, rollouts, deployment_nodes, deployments,"
            + " workflow_runs, emergency_quarantines, node_sessions, node_identities, nodes,"
            + " operator_logins, operators, telemetry_samples, telemetry_minute, telemetry_hour,"
            + " telemetry_fleet_minute, telemetry_fleet_hour, telemetry_rollup_cursor,"
            + " reward_epochs, reward_epoch_nodes, reward_epoch_stakes, reward_epoch_exclusions,"
            + " reward_payouts, reward_exclusions, slashing_disputes, treasury_postings,"
            + " treasury_entries, treasury_accounts, treasury_cursor, treasury_reconciliations");
  }

  /**
   * Logs {@code username} in as the login form would (the demo user with its real roles) and starts
   * the UI.
   */
  void startAs(String username) {
    startAs(users.loadUserByUsername(username));
  }

  /**
   * Logs in a configured person the demo profile does not have, with exactly {@code roles} (an
   * OPERATOR this way is bound to no operator and reads no operator's rows), and starts the UI.
   */
  void startWithRoles(String username, String... roles) {
    startAs(User.withUsername(username).password("unused").roles(roles).build());
  }

  /** Logs in an operator login of {@code operatorId} (role OPERATOR) and starts the UI. */
  void startAsOperator(String username, String operatorId) {
    startAs(
        new OperatorPrincipal(
            username,
            "unused",
            true,
            List.of(new SimpleGrantedAuthority("ROLE_OPERATOR")),
            operatorId));
  }

  /** Logs in an operator login of the operator that runs {@code nodeId}, and starts the UI. */
  void startAsOperatorOwning(String username, String nodeId) {
    startAsOperator(
        username,
        jdbc.queryForObject("SELECT operator_id FROM nodes WHERE id = ?", String.class, nodeId));
  }

  /**
   * Runs {@code action} as the demo user {@code username} (e.g. an admin's proposal a signer's test
   * starts from), then puts the current login back.
   */
  <T> T runAs(String username, Supplier<T> action) {
    SecurityContext previous = SecurityContextHolder.getContext();
    SecurityContextHolder.setContext(securityContext(users.loadUserByUsername(username)));
    try {
      return action.get();
    } finally {
      SecurityContextHolder.setContext(previous);
    }
  }

  private void startAs(UserDetails user) {
    SecurityContext securityContext = securityContext(user);
    SecurityContextHolder.setContext(securityContext);
    startAnonymous();
    // Where Spring Security keeps it between requests, and where Vaadin looks for it too.
    VaadinSession.getCurrent()
        .getSession()
        .setAttribute(
            HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, securityContext);
  }

  private static SecurityContext securityContext(UserDetails user) {
    Authentication authentication =
        UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
    SecurityContext securityContext = SecurityContextHolder.createEmptyContext();
    securityContext.setAuthentication(authentication);
    return securityContext;
  }

  /**
   * Starts Karibu's fake Vaadin with the Spring context. Its fake requests answer {@code
   * getUserPrincipal()} and {@code isUserInRole()} from Spring Security's context, as Spring
   * Security's request wrapper does in a servlet container; Vaadin's view access checks read them.
   */
  void startAnonymous() {
    MockVaadin.setMockRequestFactory(SecurityContextRequest::new);
    Function0<UI> uiFactory = UI::new;
    MockVaadin.setup(uiFactory, new MockSpringServlet(ROUTES, context, uiFactory));
  }

  /** The value of the detail line labelled {@code label} under {@code root} ("-" when empty). */
  static String line(Component root, String label) {
    return lines(root, label).stream()
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line '" + label + "'"));
  }

  private static List<String> lines(Component root, String label) {
    return _find(root, HorizontalLayout.class).stream()
        .map(line -> line.getChildren().toList())
        .filter(
            spans ->
                spans.size() == 2
                    && spans.get(0) instanceof Span name
                    && name.getText().equals(label))
        .map(spans -> ((Span) spans.get(1)).getText())
        .toList();
  }

  /** The texts of the notifications shown so far. */
  static List<String> notifications() {
    return NotificationsKt.getNotifications().stream()
        .map(n -> n.getElement().getProperty("text"))
        .toList();
  }

  /** Terminates a workflow as an SRE would in the Temporal UI (a closed one is left alone). */
  void terminate(String workflowId) {
    try {
      temporal.newUntypedWorkflowStub(workflowId).terminate("test clean-up");
    } catch (WorkflowException alreadyClosed) {
      // ended meanwhile: nothing to stop
    }
  }

  /** A fake request whose user is Spring Security's current authentication. */
  static final class SecurityContextRequest extends FakeRequest {

    SecurityContextRequest(HttpSession session) {
      super(session);
    }

    @Override
    public Principal getUserPrincipal() {
      return authentication();
    }

    @Override
    public String getRemoteUser() {
      Authentication authentication = authentication();
      return authentication == null ? null : authentication.getName();
    }

    @Override
    public boolean isUserInRole(String role) {
      Authentication authentication = authentication();
      return authentication != null
          && authentication.getAuthorities().stream()
              .anyMatch(a -> a.getAuthority().equals("ROLE_" + role));
    }

    private static Authentication authentication() {
      Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
      return authentication != null && authentication.isAuthenticated() ? authentication : null;
    }
  }
}
