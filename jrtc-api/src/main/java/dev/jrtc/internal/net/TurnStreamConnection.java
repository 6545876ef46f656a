package dev.jrtc.internal.net;

import dev.jrtc.common.Clock;
import dev.jrtc.ice.TransportAddress;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP connection to a TURN server, optionally with TLS (RFC 8656 §3.1: {@code turn:...?transport=tcp}
 * and {@code turns:}), driven by one {@link SelectorLoop} thread without ever blocking it: the
 * connect is non-blocking, the TLS handshake runs on the JDK's {@link SSLEngine} as bytes
 * arrive. It carries bytes only; the TURN framing over the stream (RFC 8656 §12.5) is
 * {@code TurnClient}'s.
 *
 * <p>Threads: {@link #send} and {@link #closeAsync} may be called from any thread (they queue
 * and wake the loop). Every socket and engine operation runs on the loop thread. The
 * {@link Listener} is called on the loop thread and must not block: the owner re-dispatches
 * to its serial executor. Bytes written before the connection (and handshake) is up are queued
 * and go out once it is. The engine's delegated tasks (certificate checks, key exchange) run
 * inline on the loop thread: they are CPU work of a few milliseconds, not I/O waits.
 */
final class TurnStreamConnection implements SelectorLoop.Handler {
  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.net");
  private static final int TCP_BUFFER = 64 * 1024;
  /** Passes of read/unwrap/wrap/write per wake-up before other sockets get their turn. */
  private static final int PASSES_PER_WAKEUP = 64;

  /** What happens on the connection; called on the loop thread. */
  interface Listener {
    /** TCP is connected and, with TLS, the handshake (and the server name check) succeeded. */
    void onEstablished();

    /** Bytes from the server (TLS already removed), in order, any chunking. */
    void onData(byte[] data, long nowNanos);

    /**
     * The connection is gone and nothing more will be delivered: refused, reset, closed by the
     * server, or a TLS failure. Not called after {@link #closeAsync()}.
     *
     * @param reason what happened, for the W3C {@code icecandidateerror} errorText and logs
     */
    void onClosed(String reason);
  }

  private final SocketChannel channel;
  private final SelectorLoop loop;
  private final InetSocketAddress server;
  private final TransportAddress local;
  private final SSLEngine engine;
  private final Clock clock;
  private final Listener listener;
  private final ConcurrentLinkedQueue<byte[]> outbound = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean flushQueued = new AtomicBoolean();
  private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();
  /** Set once the socket is closed: later sends are dropped instead of queued (any thread reads it). */
  private volatile boolean dead;

  // Loop thread only.
  private SelectionKey key;
  private boolean connected;
  private boolean established;
  private boolean closed;
  private boolean closing;
  private ByteBuffer current;
  private ByteBuffer netIn;
  private ByteBuffer netOut;
  private ByteBuffer appIn;

  private TurnStreamConnection(SocketChannel channel, SelectorLoop loop, InetSocketAddress server,
      TransportAddress local, SSLEngine engine, Clock clock, Listener listener) {
    this.channel = channel;
    this.loop = loop;
    this.server = server;
    this.local = local;
    this.engine = engine;
    this.clock = clock;
    this.listener = listener;
    int packet = engine != null ? engine.getSession().getPacketBufferSize() : TCP_BUFFER;
    this.netIn = ByteBuffer.allocate(packet);
    this.netOut = ByteBuffer.allocate(packet);
    this.appIn = ByteBuffer.allocate(engine != null ? engine.getSession().getApplicationBufferSize() : 0);
  }

  /**
   * Binds a TCP socket on {@code localAddress} (an ephemeral port) and starts connecting to
   * {@code server} on the loop; the outcome comes to {@code listener}.
   *
   * @param engine a client-mode TLS engine for {@code turns:}, or null for plain TCP
   * @throws IOException when the socket cannot be opened or bound
   */
  static TurnStreamConnection open(IoThreads io, InetAddress localAddress, InetSocketAddress server,
      SSLEngine engine, Clock clock, Listener listener) throws IOException {
    SocketChannel ch = SocketChannel.open(localAddress instanceof Inet6Address ? StandardProtocolFamily.INET6
        : StandardProtocolFamily.INET);
    try {
      ch.configureBlocking(false);
      // TURN messages are small and each waits for an answer: no Nagle delay (RFC 8656 §3.1 leaves it to us).
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      ch.bind(new InetSocketAddress(localAddress, 0));
      int port = ((InetSocketAddress) ch.getLocalAddress()).getPort();
      TransportAddress local = new TransportAddress(localAddress, port, dev.jrtc.ice.Protocol.TCP);
      TurnStreamConnection c = new TurnStreamConnection(ch, io.nextLoop(), server, local, engine, clock, listener);
      c.loop.register(ch, 0, c, c::start);
      return c;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** The local end of the connection (the base the TURN client's requests leave from). */
  TransportAddress localAddress() {
    return local;
  }

  /** True for {@code turns:}. */
  boolean isTls() {
    return engine != null;
  }

  /** Queues {@code data} for the server; callable from any thread. Dropped after close. */
  void send(byte[] data) {
    if (dead) {
      return;
    }
    outbound.add(data);
    reschedule();
  }

  /** Runs {@link #pump()} on the loop soon, once however often it is asked. */
  private void reschedule() {
    if (flushQueued.compareAndSet(false, true)) {
      loop.execute(() -> {
        flushQueued.set(false);
        pump();
      });
    }
  }

  /**
   * Writes what is queued (the Refresh of LIFETIME 0 included), sends TLS close_notify and
   * closes the socket; the listener hears nothing more. The future completes when the socket is
   * closed. Idempotent; callable from any thread.
   */
  CompletableFuture<Void> closeAsync() {
    loop.execute(() -> {
      if (closed) {
        return;
      }
      closing = true;
      if (established) {
        pump(); // the last bytes (RFC 8656 §7.3 deallocation) and close_notify, as far as the socket takes them
      }
      shut();
    });
    return closedFuture.thenCompose(x -> loop.flushClosed());
  }

  // ---------------------------------------------------------------- loop thread

  private void start(SelectionKey k) {
    key = k;
    try {
      if (channel.connect(server)) {
        connected();
      } else {
        key.interestOps(SelectionKey.OP_CONNECT);
      }
    } catch (IOException | RuntimeException e) {
      fail("cannot connect to the TURN server: " + describe(e));
    }
  }

  @Override
  public void ready(SelectionKey k, ByteBuffer scratch) {
    if (closed) {
      return;
    }
    if (!connected && k.isConnectable()) {
      try {
        if (!channel.finishConnect()) {
          return;
        }
      } catch (IOException | RuntimeException e) {
        fail("cannot connect to the TURN server: " + describe(e));
        return;
      }
      connected();
      return;
    }
    pump();
  }

  private void connected() {
    connected = true;
    LOG.debug("TCP {} -> {} connected{}", local, server, engine != null ? ", TLS handshake" : "");
    if (engine != null) {
      try {
        engine.beginHandshake();
      } catch (SSLException e) {
        fail("TLS handshake with the TURN server failed: " + describe(e));
        return;
      }
    } else {
      established();
    }
    pump();
  }

  private void established() {
    established = true;
    if (engine != null) {
      LOG.debug("TLS {} -> {} established: {} {}", local, server, engine.getSession().getProtocol(),
          engine.getSession().getCipherSuite());
    }
    listener.onEstablished();
  }

  /** Reads, unwraps, runs engine tasks, wraps and writes until nothing moves (or the budget is spent). */
  private void pump() {
    if (closed || !connected) {
      return;
    }
    try {
      boolean eof = false;
      boolean progress = true;
      for (int pass = 0; progress && pass < PASSES_PER_WAKEUP && !closed; pass++) {
        progress = false;
        if (!eof && netIn.hasRemaining()) {
          int n = channel.read(netIn);
          if (n < 0) {
            eof = true;
          } else if (n > 0) {
            progress = true;
          }
        }
        progress |= engine != null ? unwrap() : deliverPlain();
        if (engine != null && engine.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
          Runnable task;
          while ((task = engine.getDelegatedTask()) != null) {
            task.run();
          }
          progress = true;
        }
        if (closed) {
          return;
        }
        progress |= engine != null ? wrap() : copyPlain();
        progress |= write();
      }
      if (eof && !closed) {
        fail(established ? "the TURN server closed the connection"
            : engine != null ? "TLS handshake with the TURN server failed: the server closed the connection"
            : "the TURN server closed the connection");
        return;
      }
      if (!closed && key.isValid()) {
        int ops = SelectionKey.OP_READ | (netOut.position() > 0 ? SelectionKey.OP_WRITE : 0);
        if (key.interestOps() != ops) {
          key.interestOps(ops);
        }
        if (progress) {
          reschedule(); // budget spent with work left: come back after the other sockets
        }
      }
    } catch (SSLHandshakeException e) {
      fail("TLS handshake with the TURN server failed: " + describe(e));
    } catch (SSLException e) {
      fail((established ? "TLS error on the TURN connection: " : "TLS handshake with the TURN server failed: ")
          + describe(e));
    } catch (IOException | RuntimeException e) {
      fail("TURN connection error: " + describe(e));
    }
  }

  /** Plain TCP: what was read goes to the listener as is. */
  private boolean deliverPlain() {
    if (netIn.position() == 0) {
      return false;
    }
    netIn.flip();
    byte[] data = new byte[netIn.remaining()];
    netIn.get(data);
    netIn.clear();
    if (!closing) {
      listener.onData(data, clock.monotonicNanos());
    }
    return true;
  }

  /** Plain TCP: queued bytes into the output buffer. */
  private boolean copyPlain() {
    boolean progress = false;
    while (netOut.hasRemaining() && nextOutbound() != null) {
      int n = Math.min(netOut.remaining(), current.remaining());
      ByteBuffer slice = current.duplicate();
      slice.limit(slice.position() + n);
      netOut.put(slice);
      current.position(current.position() + n);
      progress = true;
    }
    return progress;
  }

  /** The buffer being written, or the next queued one; null when nothing is waiting. */
  private ByteBuffer nextOutbound() {
    while (current == null || !current.hasRemaining()) {
      byte[] b = outbound.poll();
      if (b == null) {
        current = null;
        return null;
      }
      current = ByteBuffer.wrap(b);
    }
    return current;
  }

  private boolean unwrap() throws SSLException {
    if (netIn.position() == 0) {
      return false;
    }
    boolean progress = false;
    netIn.flip();
    try {
      while (netIn.hasRemaining() && !closed) {
        SSLEngineResult r = engine.unwrap(netIn, appIn);
        switch (r.getStatus()) {
          case BUFFER_OVERFLOW:
            appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
            continue;
          case BUFFER_UNDERFLOW:
            if (netIn.limit() == netIn.capacity()) {
              netIn = grownForRead(netIn, engine.getSession().getPacketBufferSize());
            }
            return progress;
          case CLOSED:
            fail("the TURN server closed the TLS session");
            return true;
          default:
            break;
        }
        if (r.bytesConsumed() > 0 || r.bytesProduced() > 0) {
          progress = true;
        }
        if (r.getHandshakeStatus() == HandshakeStatus.FINISHED && !established) {
          established();
        }
        deliverApp();
        HandshakeStatus hs = r.getHandshakeStatus();
        if (hs == HandshakeStatus.NEED_TASK || hs == HandshakeStatus.NEED_WRAP
            || (r.bytesConsumed() == 0 && r.bytesProduced() == 0)) {
          break;
        }
      }
    } finally {
      netIn.compact();
    }
    return progress;
  }

  private void deliverApp() {
    if (appIn.position() > 0 && !closed) {
      appIn.flip();
      byte[] data = new byte[appIn.remaining()];
      appIn.get(data);
      appIn.clear();
      if (!closing) {
        listener.onData(data, clock.monotonicNanos());
      }
    }
  }

  private boolean wrap() throws SSLException {
    boolean progress = false;
    while (!closed) {
      HandshakeStatus hs = engine.getHandshakeStatus();
      ByteBuffer src;
      if (hs == HandshakeStatus.NEED_WRAP) {
        src = ByteBuffer.allocate(0);
      } else if (established && hs == HandshakeStatus.NOT_HANDSHAKING && nextOutbound() != null) {
        src = current;
      } else {
        break;
      }
      SSLEngineResult r = engine.wrap(src, netOut);
      if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
        if (netOut.position() == 0) {
          netOut = grow(netOut, engine.getSession().getPacketBufferSize());
          continue;
        }
        break; // write first
      }
      if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
        break;
      }
      if (r.getHandshakeStatus() == HandshakeStatus.FINISHED && !established) {
        established();
      }
      if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
        break;
      }
      progress = true;
    }
    return progress;
  }

  private boolean write() throws IOException {
    if (netOut.position() == 0) {
      return false;
    }
    netOut.flip();
    int n;
    try {
      n = channel.write(netOut);
    } finally {
      netOut.compact();
    }
    return n > 0;
  }

  private static ByteBuffer grow(ByteBuffer b, int atLeast) {
    ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, atLeast));
    b.flip();
    bigger.put(b);
    return bigger;
  }

  /** A bigger read buffer (in write mode) holding the unread bytes of {@code b} (in read mode). */
  private static ByteBuffer grownForRead(ByteBuffer b, int atLeast) {
    ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, atLeast));
    bigger.put(b);
    bigger.flip(); // the caller's finally compacts it back into write mode
    return bigger;
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isEmpty() ? e.getClass().getSimpleName() : m;
  }

  private void fail(String reason) {
    if (closed) {
      return;
    }
    LOG.debug("TCP {} -> {}: {}", local, server, reason);
    boolean tell = !closing;
    shut();
    if (tell) {
      listener.onClosed(reason);
    }
  }

  private void shut() {
    if (closed) {
      return;
    }
    closed = true;
    dead = true;
    if (engine != null) {
      engine.closeOutbound();
      if (established) {
        try {
          // close_notify (RFC 8446 §6.1) after what is still buffered, best effort: the socket
          // is closed right after.
          engine.wrap(ByteBuffer.allocate(0), netOut);
          netOut.flip();
          channel.write(netOut);
        } catch (IOException | RuntimeException e) {
          LOG.debug("close_notify not sent: {}", e.toString());
        }
      }
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("close failed", e);
    }
    outbound.clear();
    closedFuture.complete(null);
  }
}
