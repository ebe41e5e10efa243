package io.noderr.cli;

import java.util.List;
import java.util.Map;

/**
 * A terminal for tests: the environment from a map, no password prompts, and the typed answers in
 * order (none left: no terminal to ask on).
 */
final class ScriptedTerminal implements Terminal {

  private final Map<String, String> env;
  private final List<String> typed;

  ScriptedTerminal(Map<String, String> env, List<String> typed) {
    this.env = env;
    this.typed = typed;
  }

  @Override
  public String env(String name) {
    return env.get(name);
  }

  @Override
  public char[] readPassword(String prompt) {
    return null;
  }

  @Override
  public String readLine(String prompt) {
    return typed.isEmpty() ? null : typed.remove(0);
  }
}
