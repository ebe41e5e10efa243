package io.noderr.agent.gateway;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.temporal.authorization.AuthorizationGrpcMetadataProvider;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/** How an agent's Temporal connection reaches the node gateway. */
public final class GatewayConnection {

  private GatewayConnection() {}

  /**
   * TLS trusting exactly the pinned certificate, and every call carrying the node's current session
   * token (read per call, so a session the keeper renewed is used at once).
   */
  public static WorkflowServiceStubsOptions.Builder options(
      String target, String certificateSha256, Supplier<String> sessionToken) {
    SslContext tls;
    try {
      tls =
          GrpcSslContexts.forClient()
              .trustManager(new PinnedCertificateTrust(certificateSha256))
              .build();
    } catch (SSLException e) {
      throw new IllegalStateException(
          "cannot set up TLS to the node gateway: " + e.getMessage(), e);
    }
    return WorkflowServiceStubsOptions.newBuilder()
        .setTarget(target)
        .setSslContext(tls)
        .addGrpcMetadataProvider(
            new AuthorizationGrpcMetadataProvider(() -> "Bearer " + sessionToken.get()));
  }
}
