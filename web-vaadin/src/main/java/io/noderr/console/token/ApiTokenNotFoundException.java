package io.noderr.console.token;

/** No live token with this id belongs to the caller (others' tokens are not revealed). */
public class ApiTokenNotFoundException extends RuntimeException {
  public ApiTokenNotFoundException(String id) {
    super("you have no live API token with id '" + id + "'");
  }
}
