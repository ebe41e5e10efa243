package io.noderr.console.security;

import io.noderr.registry.access.OperatorLogin;
import io.noderr.registry.access.OperatorLogins;
import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Everyone who may sign in: the configured (or demo) people first, unchanged, then the operator
 * logins kept in PostgreSQL. A configured name shadows an operator login of the same name, and
 * creating an operator login refuses configured names ({@link #isConfigured}).
 */
public class PeopleDirectory implements UserDetailsService {

  private static final List<SimpleGrantedAuthority> OPERATOR =
      List.of(new SimpleGrantedAuthority("ROLE_" + Roles.OPERATOR));

  private final ConfiguredPeople configured;
  private final OperatorLogins logins;

  PeopleDirectory(ConfiguredPeople configured, OperatorLogins logins) {
    this.configured = configured;
    this.logins = logins;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    if (configured.users().userExists(username)) {
      UserDetails user = configured.users().loadUserByUsername(username);
      String operatorId = configured.operators().get(username);
      return operatorId == null
          ? user
          : new OperatorPrincipal(
              user.getUsername(),
              user.getPassword(),
              user.isEnabled(),
              user.getAuthorities(),
              operatorId);
    }
    OperatorLogin login =
        logins.find(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
    return new OperatorPrincipal(
        login.username(), login.passwordHash(), !login.disabled(), OPERATOR, login.operatorId());
  }

  /** Whether {@code username} is one of the configured (or demo) people. */
  public boolean isConfigured(String username) {
    return configured.users().userExists(username);
  }
}
