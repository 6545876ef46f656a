package dev.jrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The minimal MediaStream and MediaStreamTrack (Media Capture and Streams §4.2, §4.3). */
class MediaStreamTest {

  @Test
  void localTrack() {
    MediaStreamTrack t = MediaStreamTrack.create("video", "camera");
    assertThat(t.kind()).isEqualTo("video");
    assertThat(t.label()).isEqualTo("camera");
    assertThat(t.id()).matches("[0-9a-f-]{36}");
    assertThat(t.enabled()).isTrue();
    assertThat(t.muted()).isFalse();
    assertThat(t.readyState()).isEqualTo(MediaStreamTrackState.LIVE);
    t.setEnabled(false);
    MediaStreamTrack c = t.clone();
    assertThat(c.id()).isNotEqualTo(t.id());
    assertThat(c.enabled()).isFalse();
    assertThat(c.kind()).isEqualTo("video");
    t.stop();
    assertThat(t.readyState()).isEqualTo(MediaStreamTrackState.ENDED);
    assertThat(c.readyState()).isEqualTo(MediaStreamTrackState.LIVE);
    assertThatThrownBy(() -> MediaStreamTrack.create("data")).isInstanceOf(TypeException.class);
  }

  @Test
  void stream() {
    MediaStreamTrack a = MediaStreamTrack.create("audio");
    MediaStreamTrack v = MediaStreamTrack.create("video");
    MediaStream s = new MediaStream(List.of(a));
    s.addTrack(v);
    s.addTrack(v);
    assertThat(s.getTracks()).containsExactly(a, v);
    assertThat(s.getAudioTracks()).containsExactly(a);
    assertThat(s.getVideoTracks()).containsExactly(v);
    assertThat(s.getTrackById(v.id())).isSameAs(v);
    assertThat(s.active()).isTrue();
    s.removeTrack(a);
    assertThat(s.getTracks()).containsExactly(v);
    v.stop();
    assertThat(s.active()).isFalse();
    assertThat(new MediaStream().id()).isNotEqualTo(s.id());
    assertThat(s.cloneStream().getTracks()).hasSize(1).doesNotContain(v);
  }
}
