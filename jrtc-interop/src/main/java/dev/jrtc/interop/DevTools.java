package dev.jrtc.interop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny Chrome DevTools Protocol client over {@link java.net.http.WebSocket}, attached to one
 * page target: enough to evaluate JavaScript in the page and take a screenshot, with no WebDriver
 * and no JSON library ({@link Json}).
 *
 * <p>Chromium is started with {@code --remote-debugging-port=0}: it picks a free port and prints
 * {@code DevTools listening on ws://127.0.0.1:PORT/...} to its log, which {@link #attach} reads.
 * The page's own debugger URL comes from {@code GET /json/list}. Java's WebSocket sends no
 * {@code Origin} header, so Chromium's {@code --remote-allow-origins} check does not apply.
 */
final class DevTools implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("DevTools listening on ws://127\\.0\\.0\\.1:(\\d+)/");

  private final WebSocket socket;
  private final Map<Long, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong(1);

  private DevTools(WebSocket socket) {
    this.socket = socket;
  }

  /** Thrown when a DevTools command answers with an error or the page throws. */
  static final class DevToolsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DevToolsException(String message) {
      super(message);
    }
  }

  /**
   * Waits (up to {@code timeout}) for Chromium's DevTools port in {@code chromiumLog}, then for a
   * page target whose URL starts with {@code urlPrefix}, and connects to it.
   */
  static DevTools attach(Path chromiumLog, String urlPrefix, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int port = -1;
    while (port < 0) {
      Matcher m = LISTENING.matcher(Files.readString(chromiumLog, StandardCharsets.ISO_8859_1));
      if (m.find()) {
        port = Integer.parseInt(m.group(1));
      } else {
        pause(deadline, "Chromium's log never said 'DevTools listening on' (" + chromiumLog + ")");
      }
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI list = URI.create("http://127.0.0.1:" + port + "/json/list");
    String debuggerUrl = null;
    String targets = "";
    while (debuggerUrl == null) {
      targets = http.send(HttpRequest.newBuilder(list).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      for (Object t : Json.asArray(Json.parse(targets))) {
        Map<String, Object> target = Json.asObject(t);
        if ("page".equals(target.get("type")) && String.valueOf(target.get("url")).startsWith(urlPrefix)) {
          debuggerUrl = Json.asString(target.get("webSocketDebuggerUrl"));
        }
      }
      if (debuggerUrl == null) {
        pause(deadline, "no page target at " + urlPrefix + " in " + targets);
      }
    }
    Listener listener = new Listener();
    WebSocket ws;
    try {
      ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
          .buildAsync(URI.create(debuggerUrl), listener).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("cannot open the DevTools WebSocket " + debuggerUrl + ": " + e, e);
    }
    DevTools devTools = new DevTools(ws);
    listener.owner = devTools;
    return devTools;
  }

  private static void pause(long deadline, String whatFailed) throws InterruptedException {
    if (System.nanoTime() > deadline) {
      throw new AssertionError(whatFailed);
    }
    // Polling a process we do not control (its log, its HTTP list): no event to wait on.
    Thread.sleep(100);
  }

  /**
   * Sends one command and waits for its result object; an {@code error} answer raises
   * {@link DevToolsException}.
   */
  Map<String, Object> send(String method, Map<String, Object> params, Duration timeout)
      throws InterruptedException {
    long id = nextId.getAndIncrement();
    CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
    pending.put(id, answer);
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("id", id);
    message.put("method", method);
    message.put("params", params);
    try {
      socket.sendText(Json.write(message), true).get(10, TimeUnit.SECONDS);
      Map<String, Object> reply = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (reply.containsKey("error")) {
        throw new DevToolsException(method + " failed: " + Json.write(reply.get("error")));
      }
      return Json.asObject(reply.get("result"));
    } catch (ExecutionException e) {
      throw new DevToolsException(method + ": " + e.getCause());
    } catch (TimeoutException e) {
      throw new DevToolsException(method + " got no answer within " + timeout);
    } finally {
      pending.remove(id);
    }
  }

  /**
   * Evaluates a JavaScript expression in the page ({@code Runtime.evaluate}, promises awaited)
   * and returns its value as {@link Json} maps it; a thrown exception raises
   * {@link DevToolsException} with the page's description of it.
   */
  Object evaluate(String expression) throws InterruptedException {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("expression", expression);
    params.put("returnByValue", true);
    params.put("awaitPromise", true);
    Map<String, Object> result = send("Runtime.evaluate", params, Duration.ofSeconds(20));
    if (result.containsKey("exceptionDetails")) {
      Map<String, Object> details = Json.asObject(result.get("exceptionDetails"));
      Object exception = details.get("exception");
      String text = exception == null ? String.valueOf(details.get("text"))
          : String.valueOf(Json.asObject(exception).get("description"));
      throw new DevToolsException("the page threw evaluating " + expression + ": " + text);
    }
    return Json.asObject(result.get("result")).get("value");
  }

  /** A PNG of the page's viewport ({@code Page.captureScreenshot}). */
  byte[] screenshotPng() throws InterruptedException {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("format", "png");
    Map<String, Object> result = send("Page.captureScreenshot", params, Duration.ofSeconds(20));
    return java.util.Base64.getDecoder().decode(Json.asString(result.get("data")));
  }

  @Override
  public void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    socket.abort();
    for (CompletableFuture<Map<String, Object>> f : List.copyOf(pending.values())) {
      f.completeExceptionally(new DevToolsException("DevTools connection closed"));
    }
  }

  /** Joins text frames into messages and hands command answers to their waiting caller. */
  private static final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private volatile DevTools owner;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        Map<String, Object> message = Json.asObject(Json.parse(text));
        Object id = message.get("id");
        DevTools devTools = owner;
        if (id instanceof Long && devTools != null) {
          CompletableFuture<Map<String, Object>> waiter = devTools.pending.get(id);
          if (waiter != null) {
            waiter.complete(message);
          }
        }
        // Messages without an id are events: nothing here subscribes to any.
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      DevTools devTools = owner;
      if (devTools != null) {
        for (CompletableFuture<Map<String, Object>> f : List.copyOf(devTools.pending.values())) {
          f.completeExceptionally(error);
        }
      }
    }
  }
}
