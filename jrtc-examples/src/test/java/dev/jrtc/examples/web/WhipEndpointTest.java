package dev.jrtc.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.MessageEvent;
import dev.jrtc.RTCConfiguration;
import dev.jrtc.RTCDataChannel;
import dev.jrtc.RTCIceCandidate;
import dev.jrtc.RTCPeerConnection;
import dev.jrtc.RTCSdpType;
import dev.jrtc.RTCSessionDescriptionInit;
import dev.jrtc.RTCSettings;
import dev.jrtc.internal.net.NetworkSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The HTTP contract of the demo server, with a real jrtc peer connection as the WHIP client over
 * loopback UDP: 201 + Location + answer SDP with candidates, echo of text and binary, PATCH
 * trickle, DELETE, and the 4xx refusals, which must leave a live session untouched.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WhipEndpointTest {

  private static final long WAIT = 30;
  private static WebDemo demo;
  private static final HttpClient http = HttpClient.newHttpClient();
  private static final RTCSettings loopback =
      RTCSettings.builder().network(NetworkSettings.loopbackOnly()).build();

  @BeforeAll
  static void start() throws Exception {
    demo = WebDemo.start(0, NetworkSettings.loopbackOnly(), System.out);
  }

  @AfterAll
  static void stop() {
    demo.close();
  }

  /** A jrtc client connected through the endpoint, with its channel open. */
  private record Client(RTCPeerConnection pc, RTCDataChannel channel, String location,
      LinkedBlockingQueue<MessageEvent> received) {}

  private static Client connect(boolean trickle) throws Exception {
    RTCPeerConnection pc = new RTCPeerConnection(RTCConfiguration.defaults(), loopback);
    RTCDataChannel channel = pc.createDataChannel("echo");
    LinkedBlockingQueue<MessageEvent> received = new LinkedBlockingQueue<>();
    channel.onMessage(received::add);
    CompletableFuture<Void> open = new CompletableFuture<>();
    channel.onOpen(e -> open.complete(null));
    List<RTCIceCandidate> candidates = new ArrayList<>();
    CompletableFuture<Void> gathered = new CompletableFuture<>();
    pc.onIceCandidate(e -> {
      if (e.candidate() == null) {
        gathered.complete(null);
      } else {
        synchronized (candidates) {
          candidates.add(e.candidate());
        }
      }
    });
    RTCSessionDescriptionInit offer = pc.createOffer().get(WAIT, TimeUnit.SECONDS);
    pc.setLocalDescription(offer).get(WAIT, TimeUnit.SECONDS);
    String offerSdp;
    if (trickle) {
      offerSdp = offer.sdp(); // as created: no candidates, they go by PATCH
    } else {
      gathered.get(WAIT, TimeUnit.SECONDS);
      offerSdp = pc.localDescription().sdp();
    }
    HttpResponse<String> created = post(offerSdp, "application/sdp");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Content-Type")).hasValue("application/sdp");
    String location = created.headers().firstValue("Location").orElseThrow();
    assertThat(location).matches("/whip/[0-9a-f]{32}");
    assertThat(created.body()).startsWith("v=0").contains("a=candidate:").contains("webrtc-datachannel");
    pc.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.ANSWER, created.body()))
        .get(WAIT, TimeUnit.SECONDS);
    if (trickle) {
      gathered.get(WAIT, TimeUnit.SECONDS);
      StringBuilder frag = new StringBuilder();
      String ufrag = offer.sdp().lines().filter(l -> l.startsWith("a=ice-ufrag:")).findFirst().orElseThrow();
      String pwd = offer.sdp().lines().filter(l -> l.startsWith("a=ice-pwd:")).findFirst().orElseThrow();
      String mid = offer.sdp().lines().filter(l -> l.startsWith("a=mid:")).findFirst().orElseThrow();
      frag.append(ufrag).append("\r\n").append(pwd).append("\r\n")
          .append("m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n").append(mid).append("\r\n");
      synchronized (candidates) {
        assertThat(candidates).isNotEmpty();
        for (RTCIceCandidate c : candidates) {
          frag.append("a=").append(c.candidate()).append("\r\n");
        }
      }
      frag.append("a=end-of-candidates\r\n");
      HttpResponse<String> patched = send(location, "PATCH", frag.toString(), "application/trickle-ice-sdpfrag");
      assertThat(patched.statusCode()).as(patched.body()).isEqualTo(204);
    }
    open.get(WAIT, TimeUnit.SECONDS);
    return new Client(pc, channel, location, received);
  }

  private static void assertEchoes(Client client) throws Exception {
    client.channel().send("hello, jrtc");
    MessageEvent text = client.received().poll(WAIT, TimeUnit.SECONDS);
    assertThat(text).isNotNull();
    assertThat(text.isText()).isTrue();
    assertThat(text.text()).isEqualTo("hello, jrtc");

    byte[] payload = new byte[50_000];
    new Random(7).nextBytes(payload);
    client.channel().send(payload);
    MessageEvent binary = client.received().poll(WAIT, TimeUnit.SECONDS);
    assertThat(binary).isNotNull();
    assertThat(binary.isText()).isFalse();
    assertThat(binary.bytes()).isEqualTo(payload);

    client.channel().send(new byte[0]);
    MessageEvent empty = client.received().poll(WAIT, TimeUnit.SECONDS);
    assertThat(empty).isNotNull();
    assertThat(empty.isText()).isFalse();
    assertThat(empty.bytes()).isEmpty();
  }

  @Test
  void nonTrickleOfferGets201AnswerAndEchoesTextAndBinary() throws Exception {
    Client client = connect(false);
    try {
      assertEchoes(client);
      String id = client.location().substring("/whip/".length());
      assertThat(demo.whip().sessions()).containsKey(id);
      HttpResponse<String> deleted = send(client.location(), "DELETE", null, null);
      assertThat(deleted.statusCode()).isEqualTo(200);
      assertThat(demo.whip().sessions()).doesNotContainKey(id);
      assertThat(send(client.location(), "DELETE", null, null).statusCode()).isEqualTo(404);
      assertThat(send(client.location(), "PATCH", "a=end-of-candidates\r\n",
          "application/trickle-ice-sdpfrag").statusCode()).isEqualTo(404);
    } finally {
      client.pc().close();
    }
  }

  @Test
  void trickleOfferGetsCandidatesByPatchAndBadRequestsLeaveTheSessionAlone() throws Exception {
    Client client = connect(true);
    try {
      String loc = client.location();
      assertThat(post("hello", "text/plain").statusCode()).isEqualTo(415);
      assertThat(post("not sdp at all", "application/sdp").statusCode()).isEqualTo(400);
      assertThat(post("", "application/sdp").statusCode()).isEqualTo(400);
      assertThat(post("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n", "application/sdp").statusCode())
          .isEqualTo(400);
      assertThat(send("/whip", "GET", null, null).statusCode()).isEqualTo(405);
      assertThat(send("/whip/0123", "PATCH", "a=end-of-candidates\r\n",
          "application/trickle-ice-sdpfrag").statusCode()).isEqualTo(404);
      assertThat(send("/whip/0123", "DELETE", null, null).statusCode()).isEqualTo(404);
      assertThat(send(loc, "PATCH", "a=end-of-candidates\r\n", "application/sdp").statusCode())
          .isEqualTo(415);
      HttpResponse<String> garbage = send(loc, "PATCH", "garbage", "application/trickle-ice-sdpfrag");
      assertThat(garbage.statusCode()).isEqualTo(400);
      assertThat(garbage.body()).contains("line 1").doesNotContain("\n\n");
      assertThat(send(loc, "PATCH", "a=ice-ufrag:someoneelse\r\na=ice-pwd:xxxxxxxxxxxxxxxxxxxxxxxx\r\n",
          "application/trickle-ice-sdpfrag").statusCode()).isEqualTo(422);
      assertThat(send(loc, "GET", null, null).statusCode()).isEqualTo(405);
      assertThat(send("/nowhere", "GET", null, null).statusCode()).isEqualTo(404);

      assertEchoes(client);
      assertThat(send(loc, "DELETE", null, null).statusCode()).isEqualTo(200);
    } finally {
      client.pc().close();
    }
  }

  @Test
  void clientClosingTheConnectionEndsTheSession() throws Exception {
    Client client = connect(false);
    String id = client.location().substring("/whip/".length());
    EchoSession session = demo.whip().sessions().get(id);
    assertThat(session).isNotNull();
    client.pc().close(); // no DELETE: the server sees the association and DTLS go away
    session.closed().get(WAIT, TimeUnit.SECONDS);
    assertThat(demo.whip().sessions()).doesNotContainKey(id);
    assertThat(send(client.location(), "DELETE", null, null).statusCode()).isEqualTo(404);
  }

  @Test
  void servesThePage() throws Exception {
    HttpResponse<String> page = send("/", "GET", null, null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).contains("<html").contains("'/whip'").contains("crypto.subtle.digest")
        .doesNotContain("https://").doesNotContain("src=\"http");
    assertThat(send("/", "POST", "x", "text/plain").statusCode()).isEqualTo(405);
  }

  private static HttpResponse<String> post(String body, String type) throws Exception {
    return send("/whip", "POST", body, type);
  }

  private static HttpResponse<String> send(String path, String method, String body, String type)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demo.port() + path))
        .timeout(java.time.Duration.ofSeconds(WAIT))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (type != null) {
      b.header("Content-Type", type);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
