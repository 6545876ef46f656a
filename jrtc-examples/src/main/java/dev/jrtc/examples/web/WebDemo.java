package dev.jrtc.examples.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jrtc.RTCSettings;
import dev.jrtc.internal.net.NetworkSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The browser demo ({@code ./jrtc demo}): an embedded HTTP server on 127.0.0.1 serving a page
 * ({@code GET /}) and a WHIP-like signaling endpoint ({@code /whip}, see {@link WhipEndpoint});
 * each session is a jrtc peer that echoes every data channel message back.
 *
 * <p>Arguments: {@code [PORT] [--loopback]}. PORT defaults to 8080; when it is taken a free port
 * is used instead. {@code --loopback} gathers only loopback candidates (tests, namespaces).
 */
public final class WebDemo implements AutoCloseable {

  static final int DEFAULT_PORT = 8080;

  private final HttpServer server;
  private final WhipEndpoint whip;
  private final ExecutorService workers;
  private final ScheduledExecutorService timers;

  private WebDemo(HttpServer server, WhipEndpoint whip, ExecutorService workers,
      ScheduledExecutorService timers) {
    this.server = server;
    this.whip = whip;
    this.workers = workers;
    this.timers = timers;
  }

  /** Runs the demo from the command line until the process is stopped. */
  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  /**
   * Starts the server, prints its URL and the WHIP endpoint URL to {@code out}, and serves until
   * the thread is interrupted or the JVM shuts down.
   *
   * @return 0 after a clean stop, 2 on bad arguments, 1 when the server could not start
   */
  public static int run(String[] args, PrintStream out) {
    int port = DEFAULT_PORT;
    boolean loopback = false;
    for (String a : args) {
      if (a.equals("--loopback")) {
        loopback = true;
      } else if (a.matches("\\d{1,5}") && Integer.parseInt(a) <= 65535) {
        port = Integer.parseInt(a);
      } else {
        out.println("usage: demo [PORT] [--loopback]   (bad argument: " + a + ")");
        return 2;
      }
    }
    WebDemo demo;
    try {
      demo = start(port, loopback ? NetworkSettings.loopbackOnly() : browserNetwork(), out);
    } catch (IOException | UncheckedIOException e) {
      out.println("demo: cannot start the HTTP server: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      demo.close();
      stopped.countDown();
    }, "jrtc-demo-shutdown"));
    out.println("jrtc demo: open " + demo.url() + " in a browser");
    out.println("WHIP endpoint: " + demo.whipUrl()
        + "  (POST application/sdp offer -> 201 + answer; PATCH application/trickle-ice-sdpfrag; DELETE)");
    out.println("Ctrl-C stops the server.");
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      demo.close();
    }
    return 0;
  }

  /**
   * The demo peer's network: IPv4 on every interface, loopback included, so that a browser on this
   * machine reaches it whichever of its addresses it uses. IPv6 is left out: jrtc's candidate
   * writer currently refuses scoped IPv6 addresses ({@code fd00::2%eth0}) and fails the transport.
   */
  static NetworkSettings browserNetwork() {
    return NetworkSettings.builder().loopback(true).ipv6(false).build();
  }

  /**
   * Starts a server on 127.0.0.1, on {@code port} or, when that port is taken (or 0), on a free
   * one; session starts and ends and refused requests are written to {@code log}.
   */
  static WebDemo start(int port, NetworkSettings network, PrintStream log) throws IOException {
    // Small request/response pairs: without TCP_NODELAY Nagle + delayed ACK adds ~40 ms per PATCH.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    InetAddress loopback = InetAddress.getLoopbackAddress();
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(loopback, port), 0);
    } catch (BindException e) {
      server = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    }
    ExecutorService workers = Executors.newCachedThreadPool(daemon("jrtc-demo-http"));
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("jrtc-demo-timer"));
    RTCSettings settings = RTCSettings.builder().network(network).build();
    WhipEndpoint whip = new WhipEndpoint(settings, timers, log);
    server.createContext(WhipEndpoint.PATH, whip);
    server.createContext("/", WebDemo::page);
    server.setExecutor(workers);
    server.start();
    return new WebDemo(server, whip, workers, timers);
  }

  /** The page's URL. */
  String url() {
    return "http://127.0.0.1:" + port() + "/";
  }

  /** The WHIP endpoint's URL. */
  String whipUrl() {
    return "http://127.0.0.1:" + port() + WhipEndpoint.PATH;
  }

  int port() {
    return server.getAddress().getPort();
  }

  WhipEndpoint whip() {
    return whip;
  }

  /** Stops the server and closes every session. */
  @Override
  public void close() {
    server.stop(0);
    whip.closeAll();
    timers.shutdownNow();
    workers.shutdownNow();
  }

  private static void page(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (!path.equals("/") && !path.equals("/index.html")) {
        WhipEndpoint.Http.text(exchange, 404, "no such resource: " + path);
        return;
      }
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        WhipEndpoint.Http.text(exchange, 405, method + " is not allowed on " + path);
        return;
      }
      byte[] body;
      try (InputStream in = WebDemo.class.getResourceAsStream("/web/index.html")) {
        if (in == null) {
          WhipEndpoint.Http.text(exchange, 500, "the page is missing from the jar");
          return;
        }
        body = in.readAllBytes();
      }
      if (method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      WhipEndpoint.Http.send(exchange, 200, "text/html; charset=utf-8", body);
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
