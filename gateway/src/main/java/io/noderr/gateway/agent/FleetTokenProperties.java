package io.noderr.gateway.agent;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The fleet token ({@code noderr.gateway.fleet-token.*}): the demo shortcut with which simulators
 * enrol nodes and obtain their sessions.
 *
 * @param hash SHA-256 (hex) of the token; when empty in the demo profile a token is generated and
 *     written to {@code file}
 * @param file where the demo profile writes the generated token (mode 0600)
 */
@ConfigurationProperties("noderr.gateway.fleet-token")
public record FleetTokenProperties(
    String hash, @DefaultValue("${user.home}/.noderr/agent-token") Path file) {}
