package dev.jrtc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link NegotiationCheck} and {@link SdpView} on the captured Chromium 156 offer and answer
 * (fixtures copied byte for byte from ../shared/fixtures/sdp/): agreeing views pass, and each
 * kind of disagreement is reported.
 */
class NegotiationCheckTest {

  private static final String OFFER = fixture("chromium156-offer-av.sdp");
  private static final String ANSWER = fixture("chromium156-answer-av.sdp");

  private static String fixture(String name) {
    try (InputStream in = NegotiationCheckTest.class.getResourceAsStream("fixtures/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The views both peers had after the captured exchange: audio and video sendrecv. */
  private static List<TransceiverView> views(String direction) {
    SdpView answer = SdpView.parse(ANSWER);
    List<TransceiverView> views = new ArrayList<>();
    for (SdpView.Section s : answer.sections()) {
      if (!s.kind().equals("application")) {
        views.add(new TransceiverView(s.mid(), s.kind(), direction, direction, false, s.codecs(), List.of()));
      }
    }
    return views;
  }

  @Test
  void readsTheCapturedSections() {
    SdpView offer = SdpView.parse(OFFER);
    assertThat(offer.bundleMids()).containsExactly("0", "1", "2");
    assertThat(offer.sections()).extracting(SdpView.Section::kind).containsExactly("audio", "video", "application");
    assertThat(offer.sections()).extracting(SdpView.Section::direction).containsExactly("sendrecv", "sendrecv", "sendrecv");
    SdpView.Section audio = offer.sections().get(0);
    assertThat(audio.codecs().get(0)).isEqualTo(
        new TransceiverView.Codec(111, "audio/opus", 48000, 2, "minptime=10;useinbandfec=1"));
    assertThat(audio.codecs()).extracting(TransceiverView.Codec::payloadType)
        .containsExactly(111, 63, 9, 0, 8, 13, 110, 126);
    assertThat(audio.codecs().get(3).channels()).isEqualTo(1); // PCMU: RFC 8866 §6.6 default
    assertThat(offer.sections().get(1).mediaCodecNames()).startsWith("video/vp8", "video/h264").doesNotContain("video/rtx");
    assertThat(offer.sections().get(2).attribute("sctp-port")).containsExactly("5000");
    assertThat(offer.addressesOutsideNamespace()).isEmpty();
  }

  @Test
  void agreeingViewsPass() {
    assertThat(NegotiationCheck.disagreements(OFFER, ANSWER,
        new NegotiationCheck.Side("offerer", views("sendrecv")),
        new NegotiationCheck.Side("answerer", views("sendrecv")))).isEmpty();
  }

  @Test
  void wrongCurrentDirectionIsReported() {
    List<TransceiverView> offerer = views("sendrecv");
    offerer.set(1, new TransceiverView("1", "video", "sendrecv", "recvonly", false, List.of(), List.of()));
    assertThat(NegotiationCheck.disagreements(OFFER, ANSWER,
        new NegotiationCheck.Side("offerer", offerer), new NegotiationCheck.Side("answerer", views("sendrecv"))))
        .containsExactly("m-section 1 (mid 1, video): offerer's currentDirection is recvonly, expected sendrecv"
            + " (the answer says sendrecv)");
  }

  @Test
  void missingTransceiverIsReported() {
    List<TransceiverView> answerer = views("sendrecv");
    answerer.remove(0);
    assertThat(NegotiationCheck.disagreements(OFFER, ANSWER,
        new NegotiationCheck.Side("offerer", views("sendrecv")), new NegotiationCheck.Side("answerer", answerer)))
        .singleElement().asString().startsWith("m-section 0 (mid 0, audio): answerer has 0 transceivers with mid 0");
  }

  @Test
  void codecsDifferentFromTheAnswerAreReported() {
    List<TransceiverView> answerer = views("sendrecv");
    TransceiverView audio = answerer.get(0);
    answerer.set(0, new TransceiverView("0", "audio", "sendrecv", "sendrecv", false,
        audio.senderCodecs().subList(1, audio.senderCodecs().size()), List.of()));
    assertThat(NegotiationCheck.disagreements(OFFER, ANSWER,
        new NegotiationCheck.Side("offerer", views("sendrecv")), new NegotiationCheck.Side("answerer", answerer)))
        .singleElement().asString().contains("answerer's sender codecs");
  }

  @Test
  void senderHeaderExtensionsMustBeTheAnswers() {
    List<TransceiverView> answerer = views("sendrecv");
    TransceiverView audio = answerer.get(0);
    answerer.set(0, new TransceiverView("0", "audio", "sendrecv", "sendrecv", false, audio.senderCodecs(), List.of(),
        List.of("1 urn:ietf:params:rtp-hdrext:ssrc-audio-level", "5 urn:ietf:params:rtp-hdrext:sdes:mid")));
    assertThat(NegotiationCheck.disagreements(OFFER, ANSWER,
        new NegotiationCheck.Side("offerer", views("sendrecv")), new NegotiationCheck.Side("answerer", answerer)))
        .singleElement().asString()
        .startsWith("m-section 0 (mid 0, audio): answerer's sender header extensions [5 urn:ietf:params:rtp-hdrext:sdes:mid]");
  }

  @Test
  void answerCodecsMustComeFromTheOffer() {
    String answer = ANSWER.replace("a=rtpmap:9 G722/8000", "a=rtpmap:9 G729/8000");
    assertThat(NegotiationCheck.disagreements(OFFER, answer,
        new NegotiationCheck.Side("offerer", List.of()), new NegotiationCheck.Side("answerer", List.of())))
        .anyMatch(p -> p.equals("m-section 0 (mid 0, audio): payload type 9 is 9 audio/G722/8000/1 in the offer"
            + " but 9 audio/G729/8000/1 in the answer"));
  }

  @Test
  void forbiddenAnswerDirectionIsReported() {
    String offer = OFFER.replaceFirst("a=sendrecv", "a=sendonly");
    assertThat(NegotiationCheck.disagreements(offer, ANSWER,
        new NegotiationCheck.Side("offerer", views("sendrecv")), new NegotiationCheck.Side("answerer", views("sendrecv"))))
        .anyMatch(p -> p.contains("the offer says sendonly, the answer sendrecv"));
  }

  @Test
  void rejectedSectionsAndOutsideAddressesAreReported() {
    String answer = ANSWER.replaceFirst("m=video \\d+ ", "m=video 0 ").replaceFirst("c=IN IP4 [0-9.]+", "c=IN IP4 192.0.2.2");
    List<String> problems = NegotiationCheck.disagreements(OFFER, answer,
        new NegotiationCheck.Side("offerer", views("sendrecv")), new NegotiationCheck.Side("answerer", views("sendrecv")));
    assertThat(problems).contains("m-section 1 (mid 1, video): rejected in the answer (port 0)");
    assertThat(problems).anyMatch(p -> p.startsWith("the answer has addresses outside the namespace: [192.0.2.2"));
  }

  @Test
  void transportAttributesAreChecked() {
    String offer = OFFER.replace("a=setup:actpass", "a=setup:active");
    String answer = ANSWER.replaceFirst("a=fingerprint:[^\r\n]*\r\n", "");
    List<String> problems = NegotiationCheck.disagreements(offer, answer,
        new NegotiationCheck.Side("offerer", views("sendrecv")), new NegotiationCheck.Side("answerer", views("sendrecv")));
    assertThat(problems).contains("the offer m-section 0 (mid 0): a=setup is [active], expected actpass");
    assertThat(problems).contains("the answer m-section 0 (mid 0): has no a=fingerprint");
  }

  @Test
  void splitBundleCredentialsAreReported() {
    String ufrag = SdpView.parse(ANSWER).sections().get(1).attribute("ice-ufrag").get(0);
    String answer = replaceNth(ANSWER, "a=ice-ufrag:" + ufrag, "a=ice-ufrag:zzzz", 2);
    assertThat(NegotiationCheck.disagreements(OFFER, answer,
        new NegotiationCheck.Side("offerer", views("sendrecv")), new NegotiationCheck.Side("answerer", views("sendrecv"))))
        .anyMatch(p -> p.startsWith("the answer: the BUNDLE group's m-sections have different ice-ufrags"));
  }

  @Test
  void headerExtensionIdsMustMatchTheOffer() {
    String answer = ANSWER.replaceFirst("a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
        "a=extmap:9 urn:ietf:params:rtp-hdrext:ssrc-audio-level");
    assertThat(NegotiationCheck.disagreements(OFFER, answer,
        new NegotiationCheck.Side("offerer", views("sendrecv")), new NegotiationCheck.Side("answerer", views("sendrecv"))))
        .containsExactly("m-section 0 (mid 0, audio): header extension urn:ietf:params:rtp-hdrext:ssrc-audio-level"
            + " has ID 1 in the offer, 9 in the answer");
  }

  @Test
  void answerMustBundleWhatItAccepts() {
    String answer = ANSWER.replace("a=group:BUNDLE 0 1 2", "a=group:BUNDLE 0 1");
    assertThat(NegotiationCheck.disagreements(OFFER, answer,
        new NegotiationCheck.Side("offerer", views("sendrecv")), new NegotiationCheck.Side("answerer", views("sendrecv"))))
        .containsExactly("the answer's BUNDLE group [0, 1] is not its accepted mids [0, 1, 2]");
  }

  private static String replaceNth(String text, String target, String replacement, int nth) {
    int at = -1;
    for (int i = 0; i < nth; i++) {
      at = text.indexOf(target, at + 1);
    }
    return text.substring(0, at) + replacement + text.substring(at + target.length());
  }

  @Test
  void directionAlgebra() {
    assertThat(NegotiationCheck.reverse("sendonly")).isEqualTo("recvonly");
    assertThat(NegotiationCheck.reverse("inactive")).isEqualTo("inactive");
    assertThat(NegotiationCheck.allowedAnswer("recvonly", "sendonly")).isTrue();
    assertThat(NegotiationCheck.allowedAnswer("recvonly", "sendrecv")).isFalse();
    assertThat(NegotiationCheck.allowedAnswer("inactive", "recvonly")).isFalse();
  }
}
