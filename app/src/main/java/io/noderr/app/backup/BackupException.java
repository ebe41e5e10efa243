package io.noderr.app.backup;

/** A backup or restore refused or failed, with a one-line message for the person who ran it. */
public final class BackupException extends Exception {

  BackupException(String message) {
    super(message);
  }

  BackupException(String message, Throwable cause) {
    super(message, cause);
  }
}
