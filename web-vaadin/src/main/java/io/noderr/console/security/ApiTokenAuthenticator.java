package io.noderr.console.security;

import io.noderr.http.Secrets;
import io.noderr.registry.access.ApiTokenGrant;
import io.noderr.registry.access.ApiTokens;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Turns a presented {@code nat_} token into its owner's authentication: one indexed lookup by
 * SHA-256 hash (no bcrypt), roles = the token's roles that the owner still holds (a user who lost a
 * role, or was removed, cannot keep using it through an older token), last use recorded at most
 * once a minute.
 */
@Component
class ApiTokenAuthenticator {

  private final ApiTokens tokens;
  private final UserDetailsService users;

  ApiTokenAuthenticator(ApiTokens tokens, UserDetailsService users) {
    this.tokens = tokens;
    this.users = users;
  }

  Optional<Authentication> authenticate(String token) {
    return tokens.live(Secrets.sha256Hex(token)).flatMap(this::authentication);
  }

  private Optional<Authentication> authentication(ApiTokenGrant grant) {
    Set<String> held;
    try {
      held =
          users.loadUserByUsername(grant.owner()).getAuthorities().stream()
              .map(GrantedAuthority::getAuthority)
              .collect(Collectors.toSet());
    } catch (UsernameNotFoundException e) {
      return Optional.empty();
    }
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
    var authentication = new UsernamePasswordAuthenticationToken(grant.owner(), null, roles);
    authentication.setDetails(new ApiTokenDetails(grant.id()));
    return Optional.of(authentication);
  }
}
