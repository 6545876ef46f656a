package dev.jrtc.testkit;

import dev.jrtc.ice.TransportAddress;
import java.util.Arrays;

/**
 * One observation of a datagram in a {@link SimNet}: each time it enters a link, is delivered to
 * a socket, or is dropped. Taps ({@link SimNet#addTap}) see these in order; the sequence is the
 * network's packet trace, identical for identical seeds.
 *
 * @param timeNanos the virtual monotonic time
 * @param hop where it happened: a link {@code "a>b"}, a router or a host name
 * @param source the source transport address as seen at this hop (after any NAT before it)
 * @param destination the destination transport address as seen at this hop
 * @param data the UDP payload (shared: do not modify)
 * @param fate what happened to it here
 */
public record SimPacket(long timeNanos, String hop, TransportAddress source, TransportAddress destination,
    byte[] data, Fate fate) {

  /** What happened to a datagram at one hop. */
  public enum Fate {
    /** It entered a link and will arrive at the far end. */
    FORWARDED,
    /** A duplicate copy entered a link (the link duplicates packets). */
    DUPLICATED,
    /** The link's loss model dropped it. */
    LOST,
    /** Larger than the link's MTU (IP + UDP headers included). */
    TOO_BIG,
    /** The link's rate-limiting queue was full. */
    QUEUE_FULL,
    /** The link is down. */
    LINK_DOWN,
    /** A NAT had no mapping for it, or its filtering rejected it (RFC 4787 §5), or hairpinning is off. */
    FILTERED,
    /** No router knows the destination. */
    NO_ROUTE,
    /** It reached the host but no socket is bound to the port. */
    NO_LISTENER,
    /** Handed to the bound socket. */
    DELIVERED
  }

  /** True when the datagram is on a wire (it goes into a pcap capture). */
  public boolean onWire() {
    return fate == Fate.FORWARDED || fate == Fate.DUPLICATED;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SimPacket)) {
      return false;
    }
    SimPacket p = (SimPacket) o;
    return p.timeNanos == timeNanos && p.hop.equals(hop) && p.source.equals(source)
        && p.destination.equals(destination) && Arrays.equals(p.data, data) && p.fate == fate;
  }

  @Override
  public int hashCode() {
    return ((Long.hashCode(timeNanos) * 31 + hop.hashCode()) * 31 + source.hashCode()) * 31
        + destination.hashCode() * 17 + Arrays.hashCode(data) + fate.hashCode();
  }

  @Override
  public String toString() {
    return timeNanos + " " + hop + " " + source + " > " + destination + " " + data.length + "B " + fate;
  }
}
