package io.noderr.console;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Console settings ({@code noderr.console.*}).
 *
 * @param temporalUiUrl base URL of a Temporal Web UI; when set, workflows link to it
 * @param agentTokenHash SHA-256 (hex) of the agent API token; when empty in the demo profile a
 *     token is generated and written to {@code agentTokenFile}
 * @param agentTokenFile where the demo profile writes the generated agent token (mode 0600)
 * @param users console users for non-demo profiles (bcrypt hashes)
 */
@ConfigurationProperties("noderr.console")
public record ConsoleProperties(
    URI temporalUiUrl,
    String agentTokenHash,
    @DefaultValue("${user.home}/.noderr/agent-token") Path agentTokenFile,
    @DefaultValue List<ConfiguredUser> users) {

  /** A console login: bcrypt password hash and roles (ADMIN, SRE, SIGNER, OPERATOR). */
  public record ConfiguredUser(String username, String passwordHash, List<String> roles) {}
}
