package io.noderr.console.operator;

import io.noderr.console.security.LoginDisabled;
import io.noderr.console.security.PeopleDirectory;
import io.noderr.http.ControlCharacters;
import io.noderr.registry.access.OperatorLogins;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.node.Operators;
import io.noderr.registry.onboarding.ApplicationRow;
import io.noderr.registry.onboarding.Applications;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operator logins: made by an admin for an operator, or for the applicant when an application is
 * approved (a one-time initial password shown to the approving admin), and disabled by an admin. A
 * password is stored only as its bcrypt hash and never logged. Refusals are audited and write
 * nothing else; a creation or disabling is audited in the same transaction as the change.
 */
@Service
public class OperatorLoginService {

  static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{2,39}");
  static final int MIN_PASSWORD = 12;

  /** bcrypt reads at most 72 bytes; a longer password would be cut silently, so it is refused. */
  static final int MAX_PASSWORD_BYTES = 72;

  private final OperatorLogins logins;
  private final Operators operators;
  private final Applications applications;
  private final PeopleDirectory people;
  private final PasswordEncoder encoder;
  private final AuditLog audit;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;

  OperatorLoginService(
      OperatorLogins logins,
      Operators operators,
      Applications applications,
      PeopleDirectory people,
      PasswordEncoder encoder,
      AuditLog audit,
      TransactionTemplate transactions,
      ApplicationEventPublisher events) {
    this.logins = logins;
    this.operators = operators;
    this.applications = applications;
    this.people = people;
    this.encoder = encoder;
    this.audit = audit;
    this.transactions = transactions;
    this.events = events;
  }

  /**
   * A new login for operator {@code operatorId}.
   *
   * @throws OperatorLoginRefusedException 404 for an unknown operator, 400 for a malformed name or
   *     a weak password, 409 for a name that is taken
   */
  @PreAuthorize("hasRole('ADMIN')")
  public CreatedOperatorLogin create(
      String operatorId, OperatorLoginForm form, Authentication caller) {
    String actor = caller.getName();
    if (operatorId == null || !operators.exists(operatorId)) {
      throw refused(
          actor, operatorId, HttpStatus.NOT_FOUND, "no operator with id '" + operatorId + "'");
    }
    String username = form == null || form.username() == null ? "" : form.username().strip();
    if (!USERNAME.matcher(username).matches()) {
      throw refused(
          actor,
          operatorId,
          HttpStatus.BAD_REQUEST,
          "username must be 3 to 40 lower-case letters, digits, '.', '_' or '-', starting with a"
              + " letter");
    }
    if (taken(username)) {
      throw refused(actor, operatorId, HttpStatus.CONFLICT, "username '" + username + "' is taken");
    }
    String chosen = form.password();
    if (chosen != null) {
      Optional<String> weakness = weakness(username, chosen);
      if (weakness.isPresent()) {
        throw refused(actor, operatorId, HttpStatus.BAD_REQUEST, weakness.get());
      }
    }
    String password = chosen == null ? InitialPasswords.generate() : chosen;
    try {
      transactions.executeWithoutResult(
          status -> store(username, password, operatorId, actor, "by hand"));
    } catch (DuplicateKeyException e) {
      throw refused(actor, operatorId, HttpStatus.CONFLICT, "username '" + username + "' is taken");
    }
    return new CreatedOperatorLogin(username, operatorId, chosen == null ? password : null);
  }

  /** The operator's logins, disabled ones included. */
  @PreAuthorize("hasRole('ADMIN')")
  public List<OperatorLoginSummary> list(String operatorId) {
    if (operatorId == null || !operators.exists(operatorId)) {
      throw new OperatorLoginRefusedException(
          HttpStatus.NOT_FOUND, "no operator with id '" + operatorId + "'");
    }
    return logins.of(operatorId).stream().map(OperatorLoginSummary::of).toList();
  }

  /**
   * Disables one of the operator's logins: its password and its API tokens stop working on their
   * next request (its console sessions end when they expire or sign out).
   *
   * @throws OperatorLoginRefusedException 404 when the operator has no enabled login of that name
   */
  @PreAuthorize("hasRole('ADMIN')")
  public OperatorLoginSummary disable(String operatorId, String username, Authentication caller) {
    String actor = caller.getName();
    boolean disabled =
        Boolean.TRUE.equals(
            transactions.execute(
                status -> {
                  if (!logins.disable(operatorId, username, actor)) {
                    return false;
                  }
                  audit.append(
                      actor, "operator-login.disabled", subject(operatorId), username, null);
                  return true;
                }));
    if (!disabled) {
      throw refused(
          actor,
          operatorId,
          HttpStatus.NOT_FOUND,
          "operator '" + operatorId + "' has no enabled login '" + username + "'");
    }
    events.publishEvent(new LoginDisabled(username));
    return OperatorLoginSummary.of(logins.find(username).orElseThrow());
  }

  /**
   * The applicant's login, made right after an admin approved the application: the operator (its id
   * is the application's signing address, as the node's registration will name it) and a login with
   * a one-time initial password, in one transaction. Empty when the operator has a login already (a
   * second application, or one an admin disabled on purpose: approving does not revive it), or when
   * the application's row is not readable.
   */
  @PreAuthorize("hasRole('ADMIN')")
  public Optional<CreatedOperatorLogin> forApprovedApplication(
      String applicationId, Authentication caller) {
    Optional<ApplicationRow> found = applications.find(applicationId);
    if (found.isEmpty() || found.get().signingAddress() == null) {
      return Optional.empty();
    }
    ApplicationRow application = found.get();
    String operatorId = application.signingAddress().toLowerCase(Locale.ROOT);
    String password = InitialPasswords.generate();
    return transactions.execute(
        status -> {
          operators.ensure(operatorId, application.operatorName(), application.contact());
          if (!logins.of(operatorId).isEmpty()) {
            return Optional.empty();
          }
          String username = freeName(application.operatorName());
          store(
              username,
              password,
              operatorId,
              caller.getName(),
              "on approval of " + application.id());
          return Optional.of(new CreatedOperatorLogin(username, operatorId, password));
        });
  }

  private void store(
      String username, String password, String operatorId, String actor, String how) {
    logins.create(username, encoder.encode(password), operatorId, actor);
    audit.append(actor, "operator-login.created", subject(operatorId), username + " " + how, null);
  }

  /** A free user name from the operator's name: "Acme Nodes Ltd" → acme-nodes-ltd(-2, -3, ...). */
  private String freeName(String operatorName) {
    String base =
        operatorName
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
      base = "op-" + base;
    }
    base = base.length() > 32 ? base.substring(0, 32) : base;
    base = base.length() < 3 ? base + "-op" : base;
    String candidate = base;
    for (int n = 2; taken(candidate); n++) {
      candidate = base + "-" + n;
    }
    return candidate;
  }

  private boolean taken(String username) {
    return people.isConfigured(username) || logins.find(username).isPresent();
  }

  private static Optional<String> weakness(String username, String password) {
    if (password.length() < MIN_PASSWORD) {
      return Optional.of("password must be at least " + MIN_PASSWORD + " characters");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
      return Optional.of("password must be at most " + MAX_PASSWORD_BYTES + " bytes");
    }
    if (ControlCharacters.present(password, false)) {
      return Optional.of("password must not contain control characters");
    }
    if (password.toLowerCase(Locale.ROOT).contains(username)) {
      return Optional.of("password must not contain the username");
    }
    if (password.chars().distinct().count() < 5) {
      return Optional.of("password must use at least 5 different characters");
    }
    return Optional.empty();
  }

  private OperatorLoginRefusedException refused(
      String actor, String operatorId, HttpStatus status, String message) {
    audit.append(actor, "operator-login.request-refused", subject(operatorId), message, null);
    return new OperatorLoginRefusedException(status, message);
  }

  private static String subject(String operatorId) {
    return "operator:" + operatorId;
  }
}
