package io.noderr.console.release;

public class ReleaseNotFoundException extends RuntimeException {

  public ReleaseNotFoundException(String releaseId) {
    super("no release request " + releaseId);
  }
}
