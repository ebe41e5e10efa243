package io.noderr.cli;

import io.noderr.agent.cli.ConnectionOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How a person's command reaches the platform's API: the base URL and who they are. An API token
 * ({@value #TOKEN_ENV}, a {@code nat_…} bearer token with the person's roles) is taken first, since
 * scripts and password managers hand it over without a prompt; otherwise the login and password.
 * Neither is ever printed.
 */
final class PlatformLogin {

  static final String TOKEN_ENV = "NODERR_API_TOKEN";
  static final String USER_ENV = "NODERR_USER";
  static final String PASSWORD_ENV = "NODERR_PASSWORD";

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--platform",
      defaultValue = "http://127.0.0.1:8080",
      description = "Platform base URL (default: ${DEFAULT-VALUE}).")
  URI platform;

  @Option(
      names = "--user",
      description =
          "Your platform login (default: "
              + USER_ENV
              + "); the password comes from "
              + PASSWORD_ENV
              + " or is asked for. Not needed with an API token in "
              + TOKEN_ENV
              + ".")
  String user;

  /**
   * Checks the options before anything is read or asked for.
   *
   * @throws ParameterException (exit code 2) naming what is missing or malformed
   */
  void validate(Terminal terminal) {
    if (token(terminal) == null && login(terminal) == null) {
      throw new ParameterException(
          spec.commandLine(), "give --user or set " + USER_ENV + " (or set " + TOKEN_ENV + ")");
    }
    try {
      ConnectionOptions.requireHttp("--platform", platform);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  URI platform() {
    return platform;
  }

  /**
   * The Authorization header: the API token, else HTTP Basic (the password asked for if need be).
   */
  String authorization(Terminal terminal) {
    String token = token(terminal);
    if (token != null) {
      return "Bearer " + token;
    }
    String login = login(terminal);
    char[] password = terminal.secret(PASSWORD_ENV, "Platform password for " + login + ": ");
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((login + ":" + new String(password)).getBytes(StandardCharsets.UTF_8));
  }

  private String login(Terminal terminal) {
    String login = user != null ? user : terminal.env(USER_ENV);
    return login == null || login.isBlank() ? null : login;
  }

  private static String token(Terminal terminal) {
    String token = terminal.env(TOKEN_ENV);
    return token == null || token.isBlank() ? null : token.strip();
  }
}
