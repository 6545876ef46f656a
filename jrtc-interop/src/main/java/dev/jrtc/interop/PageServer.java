package dev.jrtc.interop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The signaling endpoint a browser page talks to: an HTTP server on 127.0.0.1 (ephemeral port)
 * that serves {@code page.html} and carries the page's RPC.
 *
 * <p>Protocol (all JSON): the page posts {@code /hello {session, userAgent}} when it loads, then
 * long-polls {@code GET /poll?session=S}, which answers 200 with a command {@code {id, body,
 * args}}, 204 when there is nothing to do after {@link #POLL_WAIT}, or 410 when the session was
 * retired (page reloaded). The page posts {@code /result {session, id, ok, value | error}} for
 * each command and {@code /console {session, seq, level, text}} for each console line. Every
 * page load is a new session; {@link #awaitPage} hands out the next one as a {@link BrowserPage}.
 */
final class PageServer implements AutoCloseable {

  /** How long one long poll waits for a command before answering 204. */
  static final Duration POLL_WAIT = Duration.ofSeconds(10);

  private static final int CONSOLE_LINES_KEPT = 2000;

  static {
    // Without TCP_NODELAY every small POST answer waits for the peer's delayed ACK (~40 ms).
    // The JDK server reads this once, when its ServerConfig class initializes.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final byte[] pageHtml;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final LinkedBlockingQueue<Session> hellos = new LinkedBlockingQueue<>();
  private final Deque<ConsoleLine> console = new ArrayDeque<>();
  private volatile BrowserPage latestPage;
  private volatile BooleanSupplier browserAlive = () -> true;
  private volatile Supplier<String> browserDiagnostics = () -> "";

  private PageServer(HttpServer server, ExecutorService executor, byte[] pageHtml) {
    this.server = server;
    this.executor = executor;
    this.pageHtml = pageHtml;
  }

  /** Starts a server on 127.0.0.1 with an ephemeral port. */
  static PageServer start() throws IOException {
    byte[] html;
    try (InputStream in = PageServer.class.getResourceAsStream("page.html")) {
      if (in == null) {
        throw new IOException("page.html is missing from the test resources");
      }
      html = in.readAllBytes();
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    AtomicInteger threads = new AtomicInteger();
    // Long polls park one thread each; a cached pool keeps the others free for results.
    ExecutorService executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "page-server-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    PageServer pageServer = new PageServer(server, executor, html);
    server.createContext("/", pageServer::handle);
    server.start();
    return pageServer;
  }

  /** The URL of the page; give it to the browser. */
  URI pageUri() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/");
  }

  /**
   * Serves the same page, cross-origin isolated, at {@code /isolated} and returns its URL. The
   * COOP and COEP headers make the page {@code crossOriginIsolated} (HTML §7.1.3), and only then
   * does Chromium give {@code performance.now()} 5 µs resolution instead of 100 µs (HR-Time 3
   * §4.1 "coarsen time"); benchmarks that time round trips in the page need it. Its RPC
   * ({@code /poll}, {@code /result}) is the one of {@link #pageUri()}, same origin.
   */
  URI isolatedPageUri() {
    synchronized (this) {
      if (!isolatedPageServed) {
        server.createContext("/isolated", exchange -> {
          try (exchange) {
            exchange.getResponseHeaders().set("Cross-Origin-Opener-Policy", "same-origin");
            exchange.getResponseHeaders().set("Cross-Origin-Embedder-Policy", "require-corp");
            respond(exchange, 200, "text/html; charset=utf-8", pageHtml);
          }
        });
        isolatedPageServed = true;
      }
    }
    return pageUri().resolve("/isolated");
  }

  private boolean isolatedPageServed;

  /**
   * Tells the server how to see whether the browser still runs and what to print about it
   * (its stderr tail) when an RPC fails, so a dead browser fails fast with its last words.
   */
  void watchBrowser(BooleanSupplier alive, Supplier<String> diagnostics) {
    this.browserAlive = alive;
    this.browserDiagnostics = diagnostics;
  }

  boolean browserAlive() {
    return browserAlive.getAsBoolean();
  }

  String browserDiagnostics() {
    return browserDiagnostics.get();
  }

  /** Waits for the next page load (a new session) and returns its handle. */
  BrowserPage awaitPage(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new BrowserException("no page loaded within " + timeout + " from " + pageUri()
            + "\n" + consoleTail(30, null) + browserDiagnostics());
      }
      if (!browserAlive()) {
        throw new BrowserException("the browser exited before the page loaded\n" + browserDiagnostics());
      }
      Session session;
      try {
        session = hellos.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(250)), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BrowserException("interrupted while waiting for the page", e);
      }
      if (session != null) {
        BrowserPage page = new BrowserPage(this, session);
        latestPage = page;
        return page;
      }
    }
  }

  /** The page {@link #awaitPage} returned last (a test may have reloaded it), or null. */
  BrowserPage latestPage() {
    return latestPage;
  }

  /** Marks a session as gone: its pending polls answer 410 and its pending commands fail. */
  void retire(Session session) {
    session.retire();
    sessions.remove(session.id);
  }

  /** A console line of one page load. */
  private record ConsoleLine(String session, String text) {}

  /**
   * The last {@code n} console lines of one page load (or of every page when {@code session} is
   * null), oldest first.
   */
  List<String> consoleLines(int n, Session session) {
    List<String> lines = new ArrayList<>();
    synchronized (console) {
      for (ConsoleLine line : console) {
        if (session == null || line.session().equals(session.id)) {
          lines.add(line.text());
        }
      }
    }
    return new ArrayList<>(lines.subList(Math.max(0, lines.size() - n), lines.size()));
  }

  /** {@link #consoleLines} as text under a heading, for failure messages. */
  String consoleTail(int n, Session session) {
    List<String> lines = consoleLines(n, session);
    StringBuilder sb = new StringBuilder("--- last browser console lines (" + lines.size() + ") ---\n");
    for (String line : lines) {
      sb.append(line).append('\n');
    }
    return sb.toString();
  }

  private void addConsole(String session, String line) {
    synchronized (console) {
      console.addLast(new ConsoleLine(session, line));
      while (console.size() > CONSOLE_LINES_KEPT) {
        console.removeFirst();
      }
    }
  }

  @Override
  public void close() {
    for (Session session : sessions.values()) {
      session.retire();
    }
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (method.equals("GET") && (path.equals("/") || path.equals("/index.html"))) {
        respond(exchange, 200, "text/html; charset=utf-8", pageHtml);
      } else if (method.equals("GET") && path.equals("/poll")) {
        handlePoll(exchange);
      } else if (method.equals("POST") && path.equals("/hello")) {
        Map<String, Object> hello = Json.asObject(Json.parse(body(exchange)));
        Session session = new Session(Json.asString(hello.get("session")), String.valueOf(hello.get("userAgent")));
        sessions.put(session.id, session);
        hellos.add(session);
        respond(exchange, 204, null, null);
      } else if (method.equals("POST") && path.equals("/result")) {
        Map<String, Object> result = Json.asObject(Json.parse(body(exchange)));
        Session session = sessions.get(String.valueOf(result.get("session")));
        if (session != null) {
          session.complete(result);
        }
        respond(exchange, 204, null, null);
      } else if (method.equals("POST") && path.equals("/console")) {
        Map<String, Object> line = Json.asObject(Json.parse(body(exchange)));
        addConsole(String.valueOf(line.get("session")), "[" + line.get("level") + "] " + line.get("text"));
        respond(exchange, 204, null, null);
      } else {
        // favicon.ico and anything else: the page needs nothing more.
        respond(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
      }
    } catch (RuntimeException e) {
      addConsole("", "[page-server] " + e);
      throw e;
    }
  }

  private void handlePoll(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getQuery();
    String id = query != null && query.startsWith("session=") ? query.substring("session=".length()) : "";
    Session session = sessions.get(id);
    if (session == null || session.retired) {
      respond(exchange, 410, null, null);
      return;
    }
    String command;
    try {
      command = session.commands.poll(POLL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (command == null) {
      respond(exchange, session.retired ? 410 : 204, null, null);
    } else {
      respond(exchange, 200, "application/json", command.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String body(HttpExchange exchange) throws IOException {
    return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    if (type != null) {
      exchange.getResponseHeaders().set("Content-Type", type);
    }
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
    } else {
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** One page load: its command queue and the commands waiting for results. */
  static final class Session {
    final String id;
    final String userAgent;
    final LinkedBlockingQueue<String> commands = new LinkedBlockingQueue<>();
    private final Map<Long, CompletableFuture<Map<String, Object>>> pending =
        new ConcurrentHashMap<>();
    private volatile boolean retired;

    Session(String id, String userAgent) {
      this.id = id;
      this.userAgent = userAgent;
    }

    CompletableFuture<Map<String, Object>> send(long commandId, String command) {
      var future = new CompletableFuture<Map<String, Object>>();
      pending.put(commandId, future);
      if (retired) {
        future.completeExceptionally(new BrowserException("the page was reloaded or closed"));
      } else {
        commands.add(command);
      }
      return future;
    }

    void forget(long commandId) {
      pending.remove(commandId);
    }

    private void complete(Map<String, Object> result) {
      Object id = result.get("id");
      if (!(id instanceof Long)) {
        return;
      }
      var future = pending.remove(id);
      if (future != null) {
        future.complete(result);
      }
    }

    private void retire() {
      retired = true;
      for (var future : pending.values()) {
        future.completeExceptionally(new BrowserException("the page was reloaded or closed"));
      }
      pending.clear();
    }
  }
}
