package io.noderr.cli;

import java.io.Console;

/**
 * Where an interactive command reads secrets and answers: the environment first (scripts), then the
 * terminal without echo. Tests give their own.
 */
interface Terminal {

  /** The environment variable, or null. */
  String env(String name);

  /** What the person typed without echo, or null when there is no terminal to ask on. */
  char[] readPassword(String prompt);

  /** The line the person typed, or null when there is no terminal to ask on. */
  String readLine(String prompt);

  /**
   * The secret in {@code envName}, else asked for on the terminal.
   *
   * @throws IllegalArgumentException when neither is available
   */
  default char[] secret(String envName, String prompt) {
    String fromEnv = env(envName);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return fromEnv.toCharArray();
    }
    char[] typed = readPassword(prompt);
    if (typed == null) {
      throw new IllegalArgumentException("no terminal to ask for the password: set " + envName);
    }
    return typed;
  }

  /**
   * Asks a yes/no question; only "y" or "yes" is a yes.
   *
   * @throws IllegalArgumentException when there is no terminal to ask on
   */
  default boolean confirm(String question) {
    String answer = readLine(question);
    if (answer == null) {
      throw new IllegalArgumentException(
          "no terminal to confirm on: read the request, then pass --yes");
    }
    return answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes");
  }

  static Terminal system() {
    return new Terminal() {
      @Override
      public String env(String name) {
        return System.getenv(name);
      }

      @Override
      public char[] readPassword(String prompt) {
        Console console = System.console();
        return console == null ? null : console.readPassword("%s", prompt);
      }

      @Override
      public String readLine(String prompt) {
        Console console = System.console();
        return console == null ? null : console.readLine("%s", prompt);
      }
    };
  }
}
