package io.noderr.console.security;

import io.noderr.registry.access.OperatorScope;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Whose rows a caller may read. Admins and SREs read every operator's; an operator login (password
 * or one of its API tokens) reads its own operator's only; any other OPERATOR caller (a configured
 * person or a token with the OPERATOR role and no operator behind it) reads none, so an OPERATOR
 * role alone never opens the whole fleet. Signers' roles do not reach per-operator rows; they keep
 * the fleet totals every person sees.
 */
public final class Callers {

  private Callers() {}

  public static OperatorScope scope(Authentication caller) {
    if (caller == null || !caller.isAuthenticated()) {
      return OperatorScope.NONE;
    }
    Set<String> roles = Roles.of(caller);
    if (roles.contains(Roles.ADMIN) || roles.contains(Roles.SRE)) {
      return OperatorScope.ALL;
    }
    if (caller.getPrincipal() instanceof OperatorPrincipal operator) {
      return OperatorScope.of(operator.operatorId());
    }
    return roles.contains(Roles.OPERATOR) ? OperatorScope.NONE : OperatorScope.ALL;
  }

  /** The scope of the request's (or the UI's) signed-in caller. */
  public static OperatorScope scope() {
    return scope(SecurityContextHolder.getContext().getAuthentication());
  }

  /** The operator an operator login acts for; null for everyone else. */
  public static String operatorOf(Authentication caller) {
    return caller != null && caller.getPrincipal() instanceof OperatorPrincipal operator
        ? operator.operatorId()
        : null;
  }
}
