package io.noderr.gateway;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.noderr.registry.audit.AuditLog;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node gateway: the only Temporal endpoint node agents reach. A TLS gRPC server speaking
 * Temporal's {@code WorkflowService} that authenticates every call with the node's session and
 * forwards only the node's own work to the platform's connection (see {@link NodeWorkflowService}).
 * Every call runs on a virtual thread (a fleet keeps one long poll open per node), and a sweep
 * every second cuts the polls of nodes that may no longer work.
 */
public final class NodeGateway implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NodeGateway.class);

  /** How often one node's refusals may reach the audit log. */
  static final Duration AUDIT_EVERY = Duration.ofMinutes(1);

  /** The SDK pings every 30 s while idle; the server's default (5 min) would cut it off. */
  private static final long PERMIT_KEEPALIVE_SECONDS = 10;

  private final Server server;
  private final ExecutorService executor;
  private final ScheduledExecutorService sweeper;
  private final Refusals refusals;
  private final OpenPolls polls;
  private final IssuedTaskTokens tokens;

  private NodeGateway(
      Server server,
      ExecutorService executor,
      ScheduledExecutorService sweeper,
      Refusals refusals,
      OpenPolls polls,
      IssuedTaskTokens tokens) {
    this.server = server;
    this.executor = executor;
    this.sweeper = sweeper;
    this.refusals = refusals;
    this.polls = polls;
    this.tokens = tokens;
  }

  /** Starts the gateway in front of {@code platform} (the embedded server or a cluster). */
  public static NodeGateway start(
      GatewayProperties properties,
      GatewayCertificate certificate,
      WorkflowServiceStubs platform,
      NodeSessionLookup sessions,
      AuditLog audit) {
    Clock clock = Clock.systemUTC();
    SessionCache cache = new SessionCache(sessions, properties.sessionCache(), clock);
    Refusals refusals = new Refusals(audit, AUDIT_EVERY, clock);
    OpenPolls polls = new OpenPolls(sessions, cache, System::nanoTime);
    IssuedTaskTokens tokens = new IssuedTaskTokens(clock);
    var interceptor = new NodeAuthInterceptor(cache, refusals, NodeWorkflowService.ALLOWED);
    HealthStatusManager health = new HealthStatusManager();
    // WorkflowServiceStubs.healthCheck() asks for the WorkflowService by name.
    health.setStatus(WorkflowServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    Server server;
    try {
      server =
          NettyServerBuilder.forAddress(
                  new InetSocketAddress(properties.bindAddress(), properties.port()))
              .executor(executor)
              .sslContext(
                  GrpcSslContexts.configure(
                          SslContextBuilder.forServer(
                              certificate.privateKey(), certificate.certificate()))
                      .build())
              .permitKeepAliveTime(PERMIT_KEEPALIVE_SECONDS, TimeUnit.SECONDS)
              .permitKeepAliveWithoutCalls(true)
              .addService(
                  ServerInterceptors.intercept(
                      new NodeWorkflowService(
                          platform, properties.namespace(), tokens, polls, refusals),
                      interceptor))
              .addService(ServerInterceptors.intercept(health.getHealthService(), interceptor))
              .build()
              .start();
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException(
          "the node gateway cannot listen on "
              + properties.target()
              + " ("
              + e.getMessage()
              + "); is another platform running? Set noderr.gateway.port (NODERR_GATEWAY_PORT)",
          e);
    }
    ScheduledExecutorService sweeper =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("gateway-sweep").factory());
    NodeGateway gateway = new NodeGateway(server, executor, sweeper, refusals, polls, tokens);
    long every = properties.sweepInterval().toMillis();
    sweeper.scheduleWithFixedDelay(gateway::sweep, every, every, TimeUnit.MILLISECONDS);
    log.info(
        "node gateway on {}:{} (TLS, certificate sha256 {})",
        properties.bindAddress(),
        server.getPort(),
        certificate.sha256());
    return gateway;
  }

  private void sweep() {
    try {
      polls.sweep();
      tokens.dropExpired();
      refusals.flushDue();
    } catch (RuntimeException e) {
      // A database hiccup must not end the schedule; the next sweep tries again.
      log.warn("gateway sweep failed: {}", e.getMessage());
    }
  }

  public int port() {
    return server.getPort();
  }

  /** How often {@code nodeId} was refused {@code method} (the bare gRPC method name). */
  public long refusals(String nodeId, String method) {
    return refusals.count(nodeId, method);
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
  }
}
