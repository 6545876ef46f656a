package dev.jrtc;

import static dev.jrtc.LoopbackPeers.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jrtc.internal.net.NetworkSettings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * webrtc-pc §6.2 {@code bufferedAmount}, {@code bufferedamountlow} and {@code send(Blob)} over two
 * real connections on loopback. Connection a runs its tasks on one event thread ({@code page}), as
 * a page's connections share the event loop; b has its own, so a test can wait inside one of a's
 * tasks until b has a message.
 */
class DataChannelBufferedAmountTest {

  /**
   * One daemon thread for the whole class: the connections closed by a test still report their
   * last transport events into it after the test ended.
   */
  private static final ExecutorService page = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "page");
    t.setDaemon(true);
    return t;
  });
  private LoopbackPeers peers;
  private RTCDataChannel ca;
  private RTCDataChannel cb;
  /** b's messages, in order; a message's text, or its bytes as ISO-8859-1 text. */
  private final LinkedBlockingQueue<String> atB = new LinkedBlockingQueue<>();
  private final List<Long> lowEvents = new CopyOnWriteArrayList<>();

  @BeforeEach
  void connect() {
    RTCSettings aSettings = RTCSettings.builder().network(NetworkSettings.loopbackOnly()).eventExecutor(page).build();
    peers = new LoopbackPeers(RTCConfiguration.defaults(), aSettings, LoopbackPeers.settings());
    ca = peers.a.createDataChannel("buffered");
    CompletableFuture<Void> open = new CompletableFuture<>();
    ca.onOpen(e -> open.complete(null));
    ca.onBufferedAmountLow(e -> lowEvents.add(ca.bufferedAmount()));
    CompletableFuture<RTCDataChannel> remote = new CompletableFuture<>();
    peers.b.onDataChannel(e -> {
      e.channel().onMessage(m -> atB.add(m.data() instanceof String s ? s
          : new String(m.bytes(), StandardCharsets.ISO_8859_1)));
      remote.complete(e.channel());
    });
    peers.connectTrickle();
    await(open);
    cb = await(remote);
  }

  @AfterEach
  void close() {
    peers.close();
  }

  /** Runs {@code task} as one task of a's event thread and returns its result. */
  private <T> T inTask(Callable<T> task) throws Exception {
    return page.submit(task).get(LoopbackPeers.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private String nextAtB() throws InterruptedException {
    String m = atB.poll(LoopbackPeers.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(m).as("a message at b within %d s", LoopbackPeers.WAIT_SECONDS).isNotNull();
    return m;
  }

  @Test
  @DisplayName("webrtc-pc §6.2 send() step: bufferedAmount grows by the UTF-8 byte length before send() returns")
  void sendIncreasesByUtf8Length() throws Exception {
    long[] seen = inTask(() -> {
      long before = ca.bufferedAmount();
      ca.send("世界你好"); // 4 code points, 12 bytes of UTF-8
      long afterText = ca.bufferedAmount();
      ca.send(new byte[] {1, 2, 3, 4, 5});
      return new long[] {before, afterText, ca.bufferedAmount()};
    });
    assertThat(seen).containsExactly(0, 12, 17);
    assertThat(nextAtB()).isEqualTo("世界你好");
    nextAtB();
    assertThat(inTask(ca::bufferedAmount)).isZero();
  }

  @Test
  @DisplayName("webrtc-pc §6.2: the decrease is a task queued when SCTP sends, before the peer can have the message")
  void decreaseIsQueuedBeforeThePeerHasTheMessage() throws Exception {
    // a and the page share the thread: b's channel reports into a task of a's thread too.
    CompletableFuture<Long> atMessage = new CompletableFuture<>();
    RTCDataChannel pageSide = ca;
    cb.onMessage(m -> page.execute(() -> atMessage.complete(pageSide.bufferedAmount())));
    assertThat(inTask(() -> {
      ca.send("hello");
      return ca.bufferedAmount();
    })).isEqualTo(5);
    assertThat(await(atMessage)).isZero();
  }

  @Test
  @DisplayName("webrtc-pc §6.2: within one task the amount does not change while the bytes go out")
  void sameAmountWithinOneTask() throws Exception {
    long[] seen = inTask(() -> {
      ca.send("hello");
      long first = ca.bufferedAmount();
      // b has the message: a transmitted it, yet this task still sees the amount it started with
      String got = atB.poll(LoopbackPeers.WAIT_SECONDS, TimeUnit.SECONDS);
      return new long[] {first, ca.bufferedAmount(), got == null ? -1 : got.length()};
    });
    assertThat(seen).containsExactly(5, 5, 5);
    assertThat(inTask(ca::bufferedAmount)).isZero();
  }

  @Test
  @DisplayName("RFC 8831 §6.6: an empty message adds nothing and fires no bufferedamountlow")
  void emptyMessagesAddNothing() throws Exception {
    assertThat(inTask(() -> {
      ca.send("");
      ca.send(new byte[0]);
      return ca.bufferedAmount();
    })).isZero();
    assertThat(nextAtB()).isEmpty();
    assertThat(nextAtB()).isEmpty();
    assertThat(inTask(ca::bufferedAmount)).isZero();
    assertThat(lowEvents).isEmpty();
  }

  @Test
  @DisplayName("webrtc-pc §6.2 bufferedamountlow: fires once when the amount falls from above the threshold to it")
  void bufferedAmountLowFiresOnceAfterTwoSends() throws Exception {
    assertThat(inTask(() -> {
      ca.send("hello");
      ca.send("hello");
      return ca.bufferedAmount();
    })).isEqualTo(10);
    nextAtB();
    nextAtB();
    assertThat(inTask(ca::bufferedAmount)).isZero();
    assertThat(lowEvents).containsExactly(0L);
    // and again for the next message
    inTask(() -> {
      ca.send("again");
      return null;
    });
    nextAtB();
    assertThat(inTask(() -> lowEvents.size())).isEqualTo(2);
  }

  @Test
  @DisplayName("bufferedamountlow with a threshold: fires when the amount reaches it, with the amount at or below it")
  void bufferedAmountLowAtThreshold() throws Exception {
    int total = inTask(() -> {
      ca.setBufferedAmountLowThreshold(100_000);
      for (int i = 0; i < 40; i++) {
        ca.send(new byte[16_384]); // 640 KiB: SCTP's cwnd holds most of it back at first
      }
      return (int) ca.bufferedAmount();
    });
    assertThat(total).isEqualTo(40 * 16_384);
    for (int i = 0; i < 40; i++) {
      nextAtB();
    }
    assertThat(inTask(ca::bufferedAmount)).isZero();
    assertThat(lowEvents).hasSize(1);
    assertThat(lowEvents.get(0)).isLessThanOrEqualTo(100_000L);
  }

  @Test
  @DisplayName("webrtc-pc §6.2 close(): closing within the task, closed with the close event later; bufferedAmount kept")
  void closeIsClosingWithinTheTask() throws Exception {
    CompletableFuture<RTCDataChannelState> atClose = new CompletableFuture<>();
    ca.onClose(e -> atClose.complete(ca.readyState()));
    Object[] seen = inTask(() -> {
      ca.send("bye");
      ca.close();
      return new Object[] {ca.readyState(), ca.bufferedAmount()};
    });
    assertThat(seen).containsExactly(RTCDataChannelState.CLOSING, 3L);
    assertThat(await(atClose)).isEqualTo(RTCDataChannelState.CLOSED);
    assertThat(nextAtB()).isEqualTo("bye");
  }

  @Test
  @DisplayName("webrtc-pc §6.2 send(Blob): the size counts at once; later sends and close() wait for the bytes")
  void blobKeepsOrderAndClosesAfterIt() throws Exception {
    CompletableFuture<byte[]> blob = new CompletableFuture<>();
    CompletableFuture<Void> closedAtB = new CompletableFuture<>();
    cb.onClose(e -> closedAtB.complete(null));
    long[] seen = inTask(() -> {
      ca.send(blob, 4);
      long afterBlob = ca.bufferedAmount();
      ca.send("after");
      long afterText = ca.bufferedAmount();
      ca.close();
      return new long[] {afterBlob, afterText};
    });
    assertThat(seen).containsExactly(4, 9);
    // "after" and the stream reset wait behind the blob: were they not, b would get "after"
    // first, or no blob at all on a channel already reset.
    blob.complete("blob".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(nextAtB()).isEqualTo("blob");
    assertThat(nextAtB()).isEqualTo("after");
    await(closedAtB);
  }

  @Test
  @DisplayName("send(Blob) whose bytes cannot be read: not sent, its size leaves the amount, later messages go")
  void unreadableBlobIsDropped() throws Exception {
    CompletableFuture<byte[]> blob = new CompletableFuture<>();
    assertThat(inTask(() -> {
      ca.send(blob, 3);
      ca.send("next");
      return ca.bufferedAmount();
    })).isEqualTo(7);
    blob.completeExceptionally(new IllegalStateException("read failed"));
    assertThat(nextAtB()).isEqualTo("next");
    assertThat(inTask(ca::bufferedAmount)).isZero();
    ca.send("last");
    assertThat(nextAtB()).isEqualTo("last");
  }
}
