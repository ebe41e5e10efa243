package io.noderr.console.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.console.ConsoleProperties;
import io.noderr.console.ConsoleProperties.ConfiguredUser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Outside the demo profile, users come from configuration and weak setups refuse to start. */
class UserDirectoryConfigurationTest {

  private final UserDirectoryConfiguration config = new UserDirectoryConfiguration();
  private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(4);

  @Test
  void configuredUsers_areLoadedWithTheirRoles() {
    var users =
        config.configuredUsers(
            properties(new ConfiguredUser("ops", encoder.encode("s3cret-long"), List.of("SRE"))),
            encoder);

    assertThat(users.users().loadUserByUsername("ops").getAuthorities())
        .extracting(Object::toString)
        .containsExactly("ROLE_SRE");
  }

  @Test
  void refusesToStart_withoutUsers() {
    assertThatThrownBy(() -> config.configuredUsers(properties(), encoder))
        .hasMessageContaining("no console users configured");
  }

  @Test
  void refusesToStart_withTheDemoPassword() {
    ConfiguredUser weak =
        new ConfiguredUser("admin", encoder.encode("noderr-demo"), List.of("ADMIN"));
    assertThatThrownBy(() -> config.configuredUsers(properties(weak), encoder))
        .hasMessage("user admin uses the demo default password; refusing to start");
  }

  @Test
  void refusesToStart_withAPlainPasswordOrUnknownRole() {
    assertThatThrownBy(
            () ->
                config.configuredUsers(
                    properties(new ConfiguredUser("a", "plain", List.of("ADMIN"))), encoder))
        .hasMessageContaining("must be a bcrypt hash");
    assertThatThrownBy(
            () ->
                config.configuredUsers(
                    properties(
                        new ConfiguredUser("a", encoder.encode("x-long-pass"), List.of("AGENT"))),
                    encoder))
        .hasMessageContaining("roles must be some of");
  }

  private static ConsoleProperties properties(ConfiguredUser... users) {
    return new ConsoleProperties(null, List.of(users));
  }
}
