package io.noderr.worker.alert.channel;

/**
 * A channel did not take a message. The message is safe to log and store: channels build it without
 * their URL or password ({@link Secrets#scrub}).
 */
public class ChannelFailure extends Exception {

  public ChannelFailure(String message) {
    super(message);
  }
}
