package io.noderr.console;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Console settings ({@code noderr.console.*}).
 *
 * @param temporalUiUrl base URL of a Temporal Web UI; when set, workflows link to it
 * @param users console users for non-demo profiles (bcrypt hashes)
 */
@ConfigurationProperties("noderr.console")
public record ConsoleProperties(URI temporalUiUrl, @DefaultValue List<ConfiguredUser> users) {

  /**
   * A console login: bcrypt password hash and roles (ADMIN, SRE, SIGNER, OPERATOR). A configured
   * OPERATOR acts for no operator and so reads no operator's rows; people of an operator get
   * operator logins instead (docs/security.md, "Operator logins").
   */
  public record ConfiguredUser(String username, String passwordHash, List<String> roles) {}
}
