package io.noderr.app.embedded;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The embedded Temporal server takes calls from the platform only: every call must carry {@code
 * authorization: Bearer <credential>}, a secret generated at each start. The server listens on
 * loopback, so without it any process on the platform's host (a compromised simulator, another
 * user's program) could start, signal or poll anything; nodes reach Temporal only through the node
 * gateway, which forwards with the platform's connection.
 */
final class PlatformCredentialInterceptor implements ServerInterceptor {

  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final byte[] expected;

  PlatformCredentialInterceptor(String credential) {
    this.expected = ("Bearer " + credential).getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String presented = headers.get(AUTHORIZATION);
    if (presented == null
        || !MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.US_ASCII))) {
      call.close(
          Status.UNAUTHENTICATED.withDescription(
              "the embedded Temporal server takes calls from the platform only; nodes poll"
                  + " through the node gateway"),
          new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }
}
