package dev.jrtc.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;

/**
 * The {@link DatagramTransport} Bouncy Castle reads and writes: a queue of inbound datagrams
 * filled by {@link DtlsEndpoint#handleDatagram}, and outbound datagrams appended to the
 * endpoint's transmit queue.
 *
 * <p>Two modes. While the handshake runs on a pool thread, {@link #receive} blocks on the queue
 * for at most BC's {@code waitMillis}, which is how BC's retransmission timers tick. Once the
 * handshake has returned, the endpoint drives BC's {@code DTLSTransport.receive} on its own
 * thread; then an empty queue throws {@link WouldBlockException} at once, which BC passes up
 * unchanged (it rethrows every {@link InterruptedIOException} that is not a
 * {@code SocketTimeoutException} without failing the connection), so no thread ever parks or
 * spins after the handshake.
 */
final class QueueDatagramTransport implements DatagramTransport {
  /** Raised in non-blocking mode when no datagram is queued. */
  static final class WouldBlockException extends InterruptedIOException {
    private static final long serialVersionUID = 1L;

    WouldBlockException() {
      super("no datagram queued");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this; // control flow, not an error: skip the stack walk
    }
  }

  /** Raised on the handshake thread when the endpoint was closed; aborts BC's handshake. */
  static final class ClosedException extends IOException {
    private static final long serialVersionUID = 1L;

    ClosedException() {
      super("DTLS endpoint closed");
    }
  }

  private static final byte[] WAKE_UP = new byte[0];
  private static final WouldBlockException WOULD_BLOCK = new WouldBlockException();

  /** Inbound datagrams held while a handshake is slow to start or the peer floods. */
  static final int INBOUND_CAPACITY = 64;

  /** Largest inbound datagram accepted (bigger ones are dropped by the endpoint). */
  static final int RECEIVE_LIMIT = 1500;

  private final BlockingQueue<byte[]> inbound = new LinkedBlockingQueue<>(INBOUND_CAPACITY);
  private final Queue<byte[]> outbound;
  private final int sendLimit;
  private final Runnable onTransmit;
  private volatile boolean nonBlocking;
  private volatile boolean closed;
  // Handshake thread only: the records of the flight being written, packed into one datagram.
  private final byte[] flight;
  private int flightLength;
  // Post-handshake fast path, owner's thread only: the one datagram being decrypted, handed to
  // BC without a copy into the locked queue (BC copies it into its own buffer in receive).
  private byte[] direct;

  QueueDatagramTransport(Queue<byte[]> outbound, int sendLimit, Runnable onTransmit) {
    this.outbound = outbound;
    this.sendLimit = sendLimit;
    this.onTransmit = onTransmit;
    this.flight = new byte[sendLimit];
  }

  /** Queues an inbound datagram; false if the queue is full (the datagram is dropped). */
  boolean offer(byte[] datagram) {
    return inbound.offer(datagram);
  }

  boolean hasInbound() {
    return direct != null || !inbound.isEmpty();
  }

  /**
   * Post-handshake only, on the owner's thread: holds {@code datagram} for the next
   * {@link #receive}, after anything still queued from the handshake. Not copied: the caller
   * reads it at once and BC copies it into its own buffer. False if one is already held.
   */
  boolean offerDirect(byte[] datagram) {
    if (direct != null) {
      return false;
    }
    direct = datagram;
    return true;
  }

  /** Switches to the post-handshake mode; called on the handshake thread after BC returns. */
  void setNonBlocking() {
    nonBlocking = true;
  }

  /** Makes a blocked handshake thread give up; later sends are dropped. */
  void abort() {
    closed = true;
    direct = null;
    inbound.clear();
    inbound.offer(WAKE_UP);
  }

  @Override
  public int getReceiveLimit() {
    return RECEIVE_LIMIT;
  }

  @Override
  public int getSendLimit() {
    return sendLimit;
  }

  @Override
  public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
    byte[] datagram;
    if (nonBlocking) {
      datagram = inbound.poll(); // datagrams queued before the handshake returned go first
      if (datagram == null) {
        datagram = direct;
        direct = null;
      }
      if (datagram == null) {
        throw WOULD_BLOCK;
      }
    } else {
      // BC reads only when its flight is written: the flight leaves now, as few datagrams.
      flushFlight();
      if (closed) {
        throw new ClosedException();
      }
      try {
        // BC: "A waitMillis of zero is interpreted as an infinite timeout."
        datagram = waitMillis == 0 ? inbound.take() : inbound.poll(waitMillis, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClosedException();
      }
      if (datagram == null) {
        return -1; // timeout: BC runs its retransmission timer
      }
      if (datagram == WAKE_UP || closed) {
        throw new ClosedException();
      }
    }
    if (datagram.length > len) {
      return -1; // cannot happen: the endpoint drops datagrams above RECEIVE_LIMIT
    }
    System.arraycopy(datagram, 0, buf, off, datagram.length);
    return datagram.length;
  }

  @Override
  public void send(byte[] buf, int off, int len) {
    if (closed) {
      return;
    }
    if (nonBlocking) {
      // After the handshake, sends happen inside the owner's own call, which polls afterwards.
      byte[] copy = new byte[len];
      System.arraycopy(buf, off, copy, 0, len);
      outbound.add(copy);
      return;
    }
    // On the handshake thread BC writes one record per call, one call per handshake message.
    // RFC 6347 §4.1.1: several records may share a datagram, so the records of a flight are
    // packed (up to the send limit) and leave together when BC waits for the peer's flight or
    // the handshake ends: one datagram and one wake-up of each thread on the way instead of
    // one per message (Chromium and OpenSSL pack their flights the same way).
    if (flightLength > 0 && flightLength + len > flight.length) {
      flushFlight();
    }
    if (len > flight.length) {
      byte[] copy = new byte[len];
      System.arraycopy(buf, off, copy, 0, len);
      outbound.add(copy); // cannot happen: BC keeps records within getSendLimit()
      onTransmit.run();
      return;
    }
    System.arraycopy(buf, off, flight, flightLength, len);
    flightLength += len;
  }

  /**
   * Hands the packed records of the current flight to the owner; on the handshake thread, when
   * BC is about to wait for the peer and when the handshake has returned or failed.
   */
  void flushFlight() {
    if (flightLength == 0) {
      return;
    }
    byte[] datagram = java.util.Arrays.copyOf(flight, flightLength);
    flightLength = 0;
    if (closed) {
      return;
    }
    outbound.add(datagram);
    onTransmit.run();
  }

  @Override
  public void close() {
    // Closing is the endpoint's business; BC calls this after close_notify or a fatal alert.
  }
}
