package io.noderr.agent.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's side of the gateway connection against a real TLS gRPC server with a self-signed
 * certificate (no host name in it at all): the pinned certificate is trusted, another is not, and
 * every call carries the session token current at that moment.
 */
class GatewayConnectionTest {

  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private Server server;
  private WorkflowServiceStubs stubs;

  @AfterEach
  void stop() {
    if (stubs != null) {
      stubs.shutdownNow();
    }
    server.shutdownNow();
  }

  @Test
  void thePinnedCertificate_isTrusted_andEachCallCarriesTheCurrentSessionToken() throws Exception {
    X509Certificate served = startServer();
    AtomicReference<String> session = new AtomicReference<>("nst_first");
    stubs = connect(PinnedCertificateTrust.fingerprint(served), session::get);

    assertThat(stubs.healthCheck().getStatus()).isEqualTo(ServingStatus.SERVING);
    session.set("nst_renewed");
    assertThat(stubs.healthCheck().getStatus()).isEqualTo(ServingStatus.SERVING);

    assertThat(authorizations).containsExactly("Bearer nst_first", "Bearer nst_renewed");
  }

  @Test
  void anotherCertificate_isRefused_beforeAnyCallReachesTheServer() throws Exception {
    startServer();
    String otherPin = PinnedCertificateTrust.fingerprint(selfSigned().certificate());
    stubs = connect(otherPin, () -> "nst_secret");

    assertThatThrownBy(stubs::healthCheck).isInstanceOf(StatusRuntimeException.class);
    assertThat(authorizations).isEmpty();
  }

  private WorkflowServiceStubs connect(String pin, java.util.function.Supplier<String> token) {
    return WorkflowServiceStubs.newServiceStubs(
        GatewayConnection.options("127.0.0.1:" + server.getPort(), pin, token)
            .setRpcTimeout(Duration.ofSeconds(5))
            .build());
  }

  private X509Certificate startServer() throws Exception {
    Identity identity = selfSigned();
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus(WorkflowServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
    ServerInterceptor recordAuthorization =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            authorizations.add(
                headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER)));
            return next.startCall(call, headers);
          }
        };
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .sslContext(
                GrpcSslContexts.configure(
                        SslContextBuilder.forServer(
                            identity.pair().getPrivate(), identity.certificate()))
                    .build())
            .addService(
                ServerInterceptors.intercept(health.getHealthService(), recordAuthorization))
            .build()
            .start();
    return identity.certificate();
  }

  private record Identity(KeyPair pair, X509Certificate certificate) {}

  private static Identity selfSigned() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    X500Name name = new X500Name("CN=test gateway");
    Instant now = Instant.now();
    X509Certificate certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        name,
                        BigInteger.valueOf(now.toEpochMilli()),
                        Date.from(now.minusSeconds(60)),
                        Date.from(now.plusSeconds(3600)),
                        name,
                        pair.getPublic())
                    .build(
                        new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    return new Identity(pair, certificate);
  }
}
