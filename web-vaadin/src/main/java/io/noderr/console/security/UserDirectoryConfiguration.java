package io.noderr.console.security;

import io.noderr.console.ConsoleProperties;
import io.noderr.console.ConsoleProperties.ConfiguredUser;
import io.noderr.registry.access.OperatorLogins;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * Who may log in. The demo profile has fixed demo logins; every other profile takes its users from
 * configuration and refuses to start with none, or with one whose password is the demo default.
 * Operator logins kept in PostgreSQL come after them (see {@link PeopleDirectory}).
 */
@Configuration(proxyBeanMethods = false)
class UserDirectoryConfiguration {

  static final String DEFAULT_DEMO_PASSWORD = "noderr-demo";

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  /**
   * The one password check of both chains (API Basic auth and the console's login form): throttled,
   * cached, bcrypt last. As the only AuthenticationProvider bean it is what Spring Security's
   * global authentication manager uses.
   */
  @Bean
  PasswordAuthentication passwordAuthentication(
      UserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle) {
    DaoAuthenticationProvider bcrypt = new DaoAuthenticationProvider(users);
    bcrypt.setPasswordEncoder(encoder);
    return new PasswordAuthentication(bcrypt, throttle, System::nanoTime);
  }

  /**
   * The demo profile's operator logins, bound to two operators of the embedded simulated fleet by
   * id (the fleet enrols its nodes under these operator names).
   */
  static final Map<String, String> DEMO_OPERATORS =
      Map.of("operator1", "op-aurora", "operator2", "op-borealis");

  @Bean
  PeopleDirectory people(ConfiguredPeople configured, OperatorLogins logins) {
    return new PeopleDirectory(configured, logins);
  }

  @Bean
  @Profile("demo")
  ConfiguredPeople demoUsers(
      PasswordEncoder encoder,
      @Value("${NODERR_DEMO_PASSWORD:" + DEFAULT_DEMO_PASSWORD + "}") String password) {
    String hash = encoder.encode(password);
    List<UserDetails> people =
        new ArrayList<>(
            List.of(
                user("admin", hash, Roles.ADMIN),
                user("sre", hash, Roles.SRE),
                user("signer1", hash, Roles.SIGNER),
                user("signer2", hash, Roles.SIGNER),
                user("signer3", hash, Roles.SIGNER)));
    DEMO_OPERATORS.keySet().stream()
        .sorted()
        .forEach(name -> people.add(user(name, hash, Roles.OPERATOR)));
    return new ConfiguredPeople(new InMemoryUserDetailsManager(people), DEMO_OPERATORS);
  }

  @Bean
  @Profile("!demo")
  ConfiguredPeople configuredUsers(ConsoleProperties properties, PasswordEncoder encoder) {
    List<ConfiguredUser> users = properties.users();
    if (users.isEmpty()) {
      throw new IllegalStateException(
          "no console users configured: set noderr.console.users (or run with the demo profile)");
    }
    for (ConfiguredUser user : users) {
      if (user.passwordHash() == null || !user.passwordHash().startsWith("$2")) {
        throw new IllegalStateException(
            "user " + user.username() + ": passwordHash must be a bcrypt hash");
      }
      if (encoder.matches(DEFAULT_DEMO_PASSWORD, user.passwordHash())) {
        throw new IllegalStateException(
            "user " + user.username() + " uses the demo default password; refusing to start");
      }
      if (user.roles() == null
          || user.roles().isEmpty()
          || !Roles.PEOPLE.containsAll(user.roles())) {
        throw new IllegalStateException(
            "user " + user.username() + ": roles must be some of " + Roles.PEOPLE);
      }
    }
    return new ConfiguredPeople(
        new InMemoryUserDetailsManager(
            users.stream()
                .map(u -> user(u.username(), u.passwordHash(), u.roles().toArray(String[]::new)))
                .toList()),
        Map.of());
  }

  private static UserDetails user(String name, String hash, String... roles) {
    return User.withUsername(name).password(hash).roles(roles).build();
  }
}
