package io.noderr.agent.gateway;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.temporal.authorization.AuthorizationGrpcMetadataProvider;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.List;
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
    return pinned(target, certificateSha256)
        .addGrpcMetadataProvider(
            new AuthorizationGrpcMetadataProvider(() -> "Bearer " + sessionToken.get()));
  }

  /**
   * One connection for a whole simulated fleet: the pinned TLS as above, and every call carrying
   * the current session of the node it works for ({@link FleetSessionInterceptor}).
   */
  public static WorkflowServiceStubsOptions.Builder fleetOptions(
      String target, String certificateSha256, FleetSessions sessions) {
    return pinned(target, certificateSha256)
        .setGrpcClientInterceptors(List.of(new FleetSessionInterceptor(sessions)));
  }

  private static WorkflowServiceStubsOptions.Builder pinned(
      String target, String certificateSha256) {
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
    return WorkflowServiceStubsOptions.newBuilder().setTarget(target).setSslContext(tls);
  }
}
