package io.noderr.console.security;

import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * A person signed in for one node operator (an operator login, or one of the demo profile's
 * operator logins): what {@link Callers#scope} reads to limit every read to that operator's rows.
 */
public final class OperatorPrincipal extends User {

  private final String operatorId;

  public OperatorPrincipal(
      String username,
      String passwordHash,
      boolean enabled,
      Collection<? extends GrantedAuthority> authorities,
      String operatorId) {
    super(username, passwordHash, enabled, true, true, true, authorities);
    this.operatorId = operatorId;
  }

  public String operatorId() {
    return operatorId;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OperatorPrincipal that
        && super.equals(that)
        && operatorId.equals(that.operatorId);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + operatorId.hashCode();
  }
}
