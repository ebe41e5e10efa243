package io.noderr.app;

/** Finds the message a user can act on in a start-up failure's cause chain. */
final class StartupFailure {

  private StartupFailure() {}

  static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    String message = failure.getMessage();
    while (cause != null) {
      if (cause instanceof IllegalStateException && cause.getMessage() != null) {
        message = cause.getMessage();
      }
      cause = cause.getCause() == cause ? null : cause.getCause();
    }
    return message;
  }
}
