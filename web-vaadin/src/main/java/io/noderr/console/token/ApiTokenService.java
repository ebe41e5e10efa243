package io.noderr.console.token;

import io.noderr.console.security.ApiTokenDetails;
import io.noderr.console.security.Callers;
import io.noderr.console.security.Roles;
import io.noderr.http.ControlCharacters;
import io.noderr.http.Secrets;
import io.noderr.registry.access.ApiTokenRow;
import io.noderr.registry.access.ApiTokens;
import io.noderr.registry.audit.AuditLog;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;

/**
 * People's API tokens for themselves and their automation: create (shown once), list, revoke. Each
 * person sees and revokes only their own. Creating and revoking are audited in the same transaction
 * as the change.
 */
@Service
@Validated
public class ApiTokenService {

  /** Live tokens per person: enough for a few pipelines, bounded against a runaway script. */
  static final int MAX_LIVE_PER_OWNER = 20;

  private final ApiTokens tokens;
  private final AuditLog audit;
  private final Clock clock = Clock.systemUTC();

  ApiTokenService(ApiTokens tokens, AuditLog audit) {
    this.tokens = tokens;
    this.audit = audit;
  }

  /**
   * A new token with some of the caller's roles. A caller signed in with a token may not mint
   * another (a leaked token must not be able to outlive its own revocation).
   */
  @PreAuthorize(Roles.CAN_SEE_TOTALS)
  @Transactional
  public CreatedApiToken create(@Valid ApiTokenForm form, Authentication caller) {
    if (ApiTokenDetails.viaToken(caller)) {
      throw new ApiTokenRefusedException(
          HttpStatus.FORBIDDEN, "an API token cannot create tokens; sign in with your password");
    }
    Set<String> held = new HashSet<>(Roles.of(caller));
    held.retainAll(Roles.PEOPLE);
    List<String> notHeld = form.roles().stream().filter(r -> !held.contains(r)).toList();
    if (!notHeld.isEmpty()) {
      throw new ApiTokenRefusedException(
          HttpStatus.BAD_REQUEST,
          "roles must be some of your own roles "
              + held.stream().sorted().toList()
              + "; you do not hold "
              + notHeld);
    }
    if (ControlCharacters.present(form.name(), false)) {
      // The API's JSON reader refuses these already; the console's form reaches here directly.
      throw new ApiTokenRefusedException(HttpStatus.BAD_REQUEST, ControlCharacters.message("name"));
    }
    // A token made by an operator login is bound to its operator and scoped as it is. An OPERATOR
    // token with no operator behind it would read no operator's rows (Callers.scope): refuse it.
    String operatorId = Callers.operatorOf(caller);
    if (operatorId == null
        && form.roles().contains(Roles.OPERATOR)
        && !form.roles().contains(Roles.ADMIN)
        && !form.roles().contains(Roles.SRE)) {
      throw new ApiTokenRefusedException(
          HttpStatus.BAD_REQUEST,
          "an OPERATOR token reads only its operator's nodes and you sign in for no operator;"
              + " create it while signed in with an operator login");
    }
    String owner = caller.getName();
    if (tokens.liveCount(owner) >= MAX_LIVE_PER_OWNER) {
      throw new ApiTokenRefusedException(
          HttpStatus.CONFLICT,
          "you already have " + MAX_LIVE_PER_OWNER + " live tokens; revoke one first");
    }
    List<String> roles = form.roles().stream().distinct().sorted().toList();
    String name = form.name().strip();
    Instant expiresAt = clock.instant().plus(Duration.ofDays(form.expiresInDays()));
    String token = Secrets.generate(Secrets.API_TOKEN);
    long id;
    try {
      id = tokens.create(Secrets.sha256Hex(token), owner, name, roles, expiresAt, operatorId);
    } catch (DuplicateKeyException e) {
      throw new ApiTokenRefusedException(
          HttpStatus.CONFLICT, "you already have a live token named '" + name + "'");
    }
    audit.append(
        owner,
        "api-token.created",
        subject(id),
        name
            + " "
            + roles
            + " until "
            + expiresAt
            + (operatorId == null ? "" : " for operator " + operatorId),
        null);
    return new CreatedApiToken(id, name, roles, expiresAt, token);
  }

  @PreAuthorize(Roles.CAN_SEE_TOTALS)
  public List<ApiTokenRow> mine(Authentication caller) {
    return tokens.ownedBy(caller.getName());
  }

  /** A token revoked stops working on its next request. */
  @PreAuthorize(Roles.CAN_SEE_TOTALS)
  @Transactional
  public void revoke(long id, Authentication caller) {
    if (!tokens.revoke(id, caller.getName())) {
      throw new ApiTokenNotFoundException(Long.toString(id));
    }
    audit.append(caller.getName(), "api-token.revoked", subject(id), null, null);
  }

  private static String subject(long id) {
    return "api-token:" + id;
  }
}
