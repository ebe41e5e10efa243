package io.noderr.app;

/** Which parts of the platform a process runs. */
public enum Role {
  /** Worker, console and API in one process (the default). */
  ALL,
  /** The platform worker only (no web server). */
  WORKER,
  /** The console and REST API only. */
  CONSOLE
}
