package io.noderr.reports;

/** A report the build needs is missing or cannot be read: the build fails with this message. */
public final class ReportException extends RuntimeException {

  public ReportException(String message) {
    super(message);
  }

  public ReportException(String message, Throwable cause) {
    super(message, cause);
  }
}
