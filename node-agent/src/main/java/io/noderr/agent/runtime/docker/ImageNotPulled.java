package io.noderr.agent.runtime.docker;

/** A pull that failed or timed out; the message says why (registry unreachable, unknown tag). */
final class ImageNotPulled extends Exception {

  ImageNotPulled(String message) {
    super(message);
  }
}
