package io.noderr.console.alert;

/** An acknowledgement or silence with a malformed field (400); says which. */
public class InvalidAlertRequestException extends RuntimeException {

  public InvalidAlertRequestException(String reason) {
    super(reason);
  }
}
