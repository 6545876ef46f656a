package dev.jrtc.examples.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.jrtc.RTCSettings;
import dev.jrtc.sdp.SdpParseException;
import dev.jrtc.sdp.SessionDescription;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The WHIP-like signaling endpoint (RFC 9725 shapes, data channels instead of media):
 * {@code POST /whip} with an SDP offer creates an {@link EchoSession} and answers {@code 201}
 * with the answer SDP and a {@code Location}; {@code PATCH} on that location trickles candidates;
 * {@code DELETE} ends the session. Every refusal is a 4xx with a one-line reason, handled before
 * any session is touched, so one bad client never disturbs another.
 */
final class WhipEndpoint implements HttpHandler {

  static final String PATH = "/whip";
  static final String SDP = "application/sdp";
  static final String SDPFRAG = "application/trickle-ice-sdpfrag";
  /** Longest offer accepted: browsers' data-channel offers are about 1 KiB. */
  static final int MAX_SDP = 64 * 1024;
  /** Sessions at once; more are refused with 503 so a runaway client cannot exhaust sockets. */
  static final int MAX_SESSIONS = 64;
  /** A session not connected this long after its offer is closed (the client went away). */
  static final long CONNECT_DEADLINE_SECONDS = 60;

  private final RTCSettings settings;
  private final ScheduledExecutorService timers;
  private final PrintStream log;
  private final Map<String, EchoSession> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  WhipEndpoint(RTCSettings settings, ScheduledExecutorService timers, PrintStream log) {
    this.settings = settings;
    this.timers = timers;
    this.log = log;
  }

  /** The live sessions (for tests and the shutdown). */
  Map<String, EchoSession> sessions() {
    return sessions;
  }

  /** Closes every session. */
  void closeAll() {
    for (EchoSession s : sessions.values()) {
      s.close();
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        route(exchange);
      } catch (BadRequestException e) {
        log.println(exchange.getRequestMethod() + " " + clip(exchange.getRequestURI().getPath())
            + " -> " + e.status() + " " + e.getMessage());
        Http.text(exchange, e.status(), e.getMessage());
      } catch (RuntimeException e) {
        String reason = "internal error: " + EchoSession.firstLine(String.valueOf(e.getMessage()));
        log.println(exchange.getRequestMethod() + " " + clip(exchange.getRequestURI().getPath()) + " -> 500 " + reason);
        Http.text(exchange, 500, reason);
      }
    }
  }

  private void route(HttpExchange exchange) throws IOException, BadRequestException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    if (method.equals("OPTIONS")) {
      exchange.getResponseHeaders().set("Allow", path.equals(PATH) ? "POST, OPTIONS" : "PATCH, DELETE, OPTIONS");
      exchange.getResponseHeaders().set("Accept-Patch", SDPFRAG);
      exchange.sendResponseHeaders(204, -1);
      return;
    }
    if (path.equals(PATH) || path.equals(PATH + "/")) {
      if (!method.equals("POST")) {
        exchange.getResponseHeaders().set("Allow", "POST, OPTIONS");
        throw new BadRequestException(405, method + " is not allowed on " + PATH + "; POST an SDP offer");
      }
      create(exchange);
      return;
    }
    if (!path.startsWith(PATH + "/")) {
      throw new BadRequestException(404, "no such resource: " + clip(path));
    }
    String id = path.substring(PATH.length() + 1);
    EchoSession session = sessions.get(id);
    if (session == null) {
      throw new BadRequestException(404, "unknown session: " + clip(id));
    }
    switch (method) {
      case "PATCH" -> {
        requireType(exchange, SDPFRAG);
        String body = Http.body(exchange, TrickleIceFragment.MAX_LENGTH);
        session.trickle(TrickleIceFragment.parse(body));
        exchange.sendResponseHeaders(204, -1);
      }
      case "DELETE" -> {
        session.close();
        exchange.sendResponseHeaders(200, -1);
      }
      default -> {
        exchange.getResponseHeaders().set("Allow", "PATCH, DELETE, OPTIONS");
        throw new BadRequestException(405, method + " is not allowed on a session; PATCH or DELETE it");
      }
    }
  }

  private void create(HttpExchange exchange) throws IOException, BadRequestException {
    requireType(exchange, SDP);
    String offerSdp = Http.body(exchange, MAX_SDP);
    if (offerSdp.isBlank()) {
      throw new BadRequestException(400, "empty body: POST an SDP offer");
    }
    SessionDescription offer;
    try {
      offer = SessionDescription.parse(offerSdp);
    } catch (SdpParseException | IllegalArgumentException e) {
      throw new BadRequestException(400, "unparseable SDP: " + EchoSession.firstLine(String.valueOf(e.getMessage())));
    }
    if (offer.media().isEmpty()) {
      throw new BadRequestException(400, "the offer has no m= section");
    }
    if (sessions.size() >= MAX_SESSIONS) {
      throw new BadRequestException(503, "too many sessions (" + MAX_SESSIONS + ")");
    }
    byte[] idBytes = new byte[16];
    random.nextBytes(idBytes);
    String id = HexFormat.of().formatHex(idBytes);
    EchoSession session = new EchoSession(id, settings, s -> {
      sessions.remove(s.id(), s);
      log.println("session " + s.id() + " ended (" + s.messages() + " messages, " + s.bytes()
          + " bytes echoed)");
    });
    sessions.put(id, session);
    String answer;
    try {
      answer = session.answer(offer, offerSdp);
    } catch (BadRequestException | RuntimeException e) {
      session.close();
      throw e;
    }
    timers.schedule(() -> {
      switch (session.peerConnection().connectionState()) {
        case CONNECTED -> { }
        default -> session.close();
      }
    }, CONNECT_DEADLINE_SECONDS, TimeUnit.SECONDS);
    log.println("session " + id + " created");
    exchange.getResponseHeaders().set("Location", PATH + "/" + id);
    exchange.getResponseHeaders().set("Accept-Patch", SDPFRAG);
    Http.send(exchange, 201, SDP, answer.getBytes(StandardCharsets.UTF_8));
  }

  private static void requireType(HttpExchange exchange, String expected) throws BadRequestException {
    String header = exchange.getRequestHeaders().getFirst("Content-Type");
    if (header == null) {
      throw new BadRequestException(415, "missing Content-Type; expected " + expected);
    }
    int semi = header.indexOf(';');
    String type = (semi < 0 ? header : header.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    if (!type.equals(expected)) {
      throw new BadRequestException(415, "Content-Type " + clip(type) + " is not " + expected);
    }
  }

  private static String clip(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }

  /** Small helpers for reading and writing exchanges. */
  static final class Http {
    private Http() {}

    static String body(HttpExchange exchange, int max) throws IOException, BadRequestException {
      try (InputStream in = exchange.getRequestBody()) {
        byte[] data = in.readNBytes(max + 1);
        if (data.length > max) {
          throw new BadRequestException(413, "body longer than " + max + " bytes");
        }
        return new String(data, StandardCharsets.UTF_8);
      }
    }

    /** A one-line reason: control characters from the request are replaced so it stays one line. */
    static void text(HttpExchange exchange, int status, String line) throws IOException {
      String oneLine = line.replaceAll("\\p{Cntrl}", "?");
      send(exchange, status, "text/plain; charset=utf-8", (oneLine + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }
}
