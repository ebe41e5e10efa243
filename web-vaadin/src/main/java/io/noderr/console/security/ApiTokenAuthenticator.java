package io.noderr.console.security;

import io.noderr.http.Secrets;
import io.noderr.registry.access.ApiTokenGrant;
import io.noderr.registry.access.ApiTokens;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Turns a presented {@code nat_} token into its owner's authentication: one indexed lookup by
 * SHA-256 hash (no bcrypt), roles = the token's roles that the owner still holds (a user who lost a
 * role, was removed or disabled cannot keep using it through an older token), last use recorded at
 * most once a minute. A token of an operator login is bound to that operator: it works only while
 * its owner is still that operator's login, and its caller is scoped to that operator exactly as a
 * password login is ({@link Callers#scope}).
 */
@Component
class ApiTokenAuthenticator {

  private final ApiTokens tokens;
  private final PeopleDirectory users;

  ApiTokenAuthenticator(ApiTokens tokens, PeopleDirectory users) {
    this.tokens = tokens;
    this.users = users;
  }

  Optional<Authentication> authenticate(String token) {
    return tokens.live(Secrets.sha256Hex(token)).flatMap(this::authentication);
  }

  private Optional<Authentication> authentication(ApiTokenGrant grant) {
    UserDetails owner;
    try {
      owner = users.loadUserByUsername(grant.owner());
    } catch (UsernameNotFoundException e) {
      return Optional.empty();
    }
    String ownersOperator =
        owner instanceof OperatorPrincipal operator ? operator.operatorId() : null;
    if (!owner.isEnabled() || !Objects.equals(ownersOperator, grant.operatorId())) {
      return Optional.empty();
    }
    Set<String> held =
        owner.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .collect(Collectors.toSet());
    List<SimpleGrantedAuthority> roles =
        grant.roles().stream()
            .map(role -> "ROLE_" + role)
            .filter(held::contains)
            .map(SimpleGrantedAuthority::new)
            .toList();
    if (roles.isEmpty()) {
      return Optional.empty();
    }
    // Only when the stored value is older than a minute: reads stay reads on the hot path.
    if (grant.lastUsedAt() == null || grant.lastUsedAt().isBefore(Instant.now().minusSeconds(60))) {
      tokens.touch(grant.id());
    }
    // An operator's token carries the operator as its principal (without the password hash).
    Object principal = grant.owner();
    if (owner instanceof OperatorPrincipal operator) {
      operator.eraseCredentials();
      principal = operator;
    }
    var authentication = new UsernamePasswordAuthenticationToken(principal, null, roles);
    authentication.setDetails(new ApiTokenDetails(grant.id()));
    return Optional.of(authentication);
  }
}
