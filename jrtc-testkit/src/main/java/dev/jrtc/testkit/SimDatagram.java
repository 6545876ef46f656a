package dev.jrtc.testkit;

import dev.jrtc.ice.TransportAddress;
import java.util.Arrays;

/**
 * A datagram received by a {@link SimSocket}.
 *
 * @param from the sender as seen by the receiver (after any NAT)
 * @param to the receiving socket's address
 * @param data the payload (a fresh copy, owned by the receiver)
 */
public record SimDatagram(TransportAddress from, TransportAddress to, byte[] data) {
  @Override
  public boolean equals(Object o) {
    return o instanceof SimDatagram && ((SimDatagram) o).from.equals(from) && ((SimDatagram) o).to.equals(to)
        && Arrays.equals(((SimDatagram) o).data, data);
  }

  @Override
  public int hashCode() {
    return (from.hashCode() * 31 + to.hashCode()) * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "SimDatagram[" + from + " -> " + to + ", " + data.length + " bytes]";
  }
}
