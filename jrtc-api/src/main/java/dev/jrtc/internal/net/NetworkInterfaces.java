package dev.jrtc.internal.net;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The machine's network interfaces as plain values, so that address filtering is tested with a
 * fake list (and never depends on the interfaces of the machine running the tests).
 */
@FunctionalInterface
interface NetworkInterfaces {

  /**
   * One interface.
   *
   * @param name the OS name ({@code lo}, {@code eth0})
   * @param index the OS index (the IPv6 scope and the multicast interface)
   * @param up whether it is up
   * @param loopback whether it is a loopback interface
   * @param addresses its addresses, in the OS order
   */
  record Interface(String name, int index, boolean up, boolean loopback, List<InetAddress> addresses) {
    public Interface {
      addresses = List.copyOf(addresses);
    }
  }

  /** The interfaces now. */
  List<Interface> list() throws SocketException;

  /** The JVM's view ({@link NetworkInterface}). */
  static NetworkInterfaces system() {
    return () -> {
      List<Interface> out = new ArrayList<>();
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        boolean up;
        boolean loopback;
        try {
          up = nic.isUp();
          loopback = nic.isLoopback();
        } catch (SocketException e) {
          continue; // vanished while we looked
        }
        out.add(new Interface(nic.getName(), nic.getIndex(), up, loopback, Collections.list(nic.getInetAddresses())));
      }
      return out;
    };
  }
}
