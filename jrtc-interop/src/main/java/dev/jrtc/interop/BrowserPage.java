package dev.jrtc.interop;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One loaded page in a browser, scripted from Java: {@link #eval} runs JavaScript in the page and
 * returns its result as JSON values (see {@link Json}).
 *
 * <p>A script is the <em>body of an async function</em> with one parameter {@code args}: it may
 * {@code await} and {@code return} any JSON-able value ({@code undefined} becomes null). Globals
 * persist across calls, so a test keeps its objects in {@code window}:
 *
 * <pre>{@code
 * page.eval("window.pc = new RTCPeerConnection(); pc.addTransceiver('audio'); return null;");
 * String offer = page.evalString("const o = await pc.createOffer(); return o.sdp;");
 * page.eval("await pc.setRemoteDescription({type: 'answer', sdp: args.sdp}); return null;",
 *     Map.of("sdp", answerSdp));
 * }</pre>
 *
 * <p>Several scripts may run at once (each is started as soon as it arrives), e.g. one waiting for
 * an event while another triggers it. A script that throws or rejects, or does not finish in time,
 * raises {@link BrowserException} with the browser's error, stack and last console lines.
 */
final class BrowserPage {

  /** Used by the overloads without a timeout. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

  private static final AtomicLong NEXT_COMMAND = new AtomicLong(1);
  private static final int CONSOLE_LINES_IN_ERRORS = 40;

  private final PageServer server;
  private final PageServer.Session session;
  private volatile boolean used;

  BrowserPage(PageServer server, PageServer.Session session) {
    this.server = server;
    this.session = session;
  }

  /** The browser's {@code navigator.userAgent}. */
  String userAgent() {
    return session.userAgent;
  }

  /** Whether any script was run in this page (then a test wanting a clean page reloads it). */
  boolean used() {
    return used;
  }

  Object eval(String body) {
    return eval(body, Map.of(), DEFAULT_TIMEOUT);
  }

  Object eval(String body, Map<String, ?> args) {
    return eval(body, args, DEFAULT_TIMEOUT);
  }

  /**
   * Runs {@code body} as {@code async function (args) { body }} in the page and returns its
   * result parsed from JSON.
   *
   * @throws BrowserException when the script throws or rejects, does not finish within {@code
   *     timeout}, or the page or the browser goes away
   */
  Object eval(String body, Map<String, ?> args, Duration timeout) {
    used = true;
    long id = NEXT_COMMAND.getAndIncrement();
    Map<String, Object> command = new LinkedHashMap<>();
    command.put("id", id);
    command.put("body", body);
    command.put("args", args);
    CompletableFuture<Map<String, Object>> reply = session.send(id, Json.write(command));
    Map<String, Object> result = await(reply, id, body, args, timeout);
    if (Boolean.TRUE.equals(result.get("ok"))) {
      return result.get("value");
    }
    Map<String, Object> error = Json.asObject(result.get("error"));
    String name = String.valueOf(error.get("name"));
    String message = String.valueOf(error.get("message"));
    throw new BrowserException("the browser script failed: " + name + ": " + message + "\n"
        + context(body, args) + "--- browser stack ---\n" + error.get("stack") + "\n"
        + server.consoleTail(CONSOLE_LINES_IN_ERRORS, session), name, message, null);
  }

  /** {@link #eval} for a script that returns a string. */
  String evalString(String body, Map<String, ?> args) {
    return Json.asString(eval(body, args));
  }

  String evalString(String body) {
    return evalString(body, Map.of());
  }

  /** {@link #eval} for a script that returns an object. */
  Map<String, Object> evalObject(String body, Map<String, ?> args) {
    return Json.asObject(eval(body, args));
  }

  Map<String, Object> evalObject(String body) {
    return evalObject(body, Map.of());
  }

  /** {@link #eval} for a script that returns an array. */
  List<Object> evalArray(String body, Map<String, ?> args) {
    return Json.asArray(eval(body, args));
  }

  List<Object> evalArray(String body) {
    return evalArray(body, Map.of());
  }

  /**
   * Reloads the page and returns the handle of the new load. This one is retired: its globals
   * (peer connections included) are gone and scripts still running in it fail.
   */
  BrowserPage reload(Duration timeout) {
    // Deferred so the reply to this command goes out before the page unloads: Firefox cancels a
    // fetch still in flight at unload (the reply is then lost), so the delay is not 0.
    eval("setTimeout(() => location.reload(), 100); return null;");
    server.retire(session);
    return server.awaitPage(timeout);
  }

  /** The last {@code n} console lines of this page load, oldest first. */
  List<String> consoleLines(int n) {
    return server.consoleLines(n, session);
  }

  /** The last console lines and the browser's log tail, for failure reports. */
  String diagnostics() {
    return server.consoleTail(CONSOLE_LINES_IN_ERRORS, session) + server.browserDiagnostics();
  }

  private Map<String, Object> await(CompletableFuture<Map<String, Object>> reply, long id, String body,
      Map<String, ?> args, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new BrowserException("the browser script did not finish within " + timeout + "\n"
              + context(body, args) + diagnostics());
        }
        if (!server.browserAlive()) {
          throw new BrowserException("the browser exited while running a script\n"
              + context(body, args) + diagnostics());
        }
        try {
          // Wake up every 250 ms to notice a dead browser long before the timeout.
          return reply.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(250)), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          // keep waiting
        }
      }
    } catch (ExecutionException e) {
      throw new BrowserException(e.getCause().getMessage() + "\n" + context(body, args) + diagnostics(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrowserException("interrupted while waiting for the browser", e);
    } finally {
      session.forget(id);
    }
  }

  private static String context(String body, Map<String, ?> args) {
    String argsText = Json.write(args);
    if (argsText.length() > 4000) {
      argsText = argsText.substring(0, 4000) + "... (" + argsText.length() + " chars)";
    }
    return "--- script ---\n" + body + "\n--- args ---\n" + argsText + "\n";
  }
}
