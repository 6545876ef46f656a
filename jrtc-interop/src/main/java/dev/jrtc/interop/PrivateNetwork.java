package dev.jrtc.interop;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The guard of the network rule of {@code ../shared/TESTING.md}: interop tests run only inside a
 * fresh network namespace whose interfaces are {@code lo} and the veth pair {@code v0}/{@code v1},
 * so nothing a browser gathers or sends can leave the machine.
 *
 * <p>Outside such a namespace {@link #require()} fails the test (it never skips: a skipped interop
 * test would look green while proving nothing).
 */
final class PrivateNetwork {

  /** The interfaces the namespace of TESTING.md has, and no others. */
  static final Set<String> EXPECTED_INTERFACES = Set.of("lo", "v0", "v1");

  /** How to run the interop tests, for the failure message. */
  static final String HOW_TO_RUN = "./jrtc test, or by hand:\n"
      + "  unshare -n bash -c 'ip link set lo up; ip link add v0 type veth peer name v1;"
      + " ip addr add 10.77.0.1/24 dev v0; ip addr add 10.77.0.2/24 dev v1; ip link set v0 up;"
      + " ip link set v1 up; ip route add default dev v0;"
      + " mvn -B -o -pl jrtc-interop verify -Djrtc.interop.skip=false'";

  private PrivateNetwork() {}

  /**
   * Fails unless this JVM runs in the private namespace: exactly the interfaces {@code lo},
   * {@code v0}, {@code v1}, all up, and every address on them loopback, link-local or in
   * 10.77.0.0/24.
   */
  static void require() {
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      throw new AssertionError("interop tests must run inside a private network namespace "
          + "(../shared/TESTING.md, the network rule): " + String.join("; ", problems)
          + "\nRun them with " + HOW_TO_RUN);
    }
  }

  /** What is wrong with the current network, empty when it is the private namespace. */
  static List<String> problems() {
    List<String> problems = new ArrayList<>();
    Set<String> names = new TreeSet<>();
    List<NetworkInterface> interfaces;
    try {
      interfaces = Collections.list(NetworkInterface.getNetworkInterfaces());
    } catch (SocketException e) {
      return List.of("cannot list the network interfaces: " + e);
    }
    for (NetworkInterface nif : interfaces) {
      names.add(nif.getName());
      try {
        if (!nif.isUp()) {
          problems.add(nif.getName() + " is down");
        }
      } catch (SocketException e) {
        problems.add("cannot read the state of " + nif.getName() + ": " + e);
      }
      for (InetAddress address : Collections.list(nif.getInetAddresses())) {
        if (!insideNamespace(address)) {
          problems.add(nif.getName() + " has the address " + address.getHostAddress()
              + ", outside the namespace's ranges");
        }
      }
    }
    if (!names.equals(EXPECTED_INTERFACES)) {
      problems.add(0, "the interfaces are " + names + ", expected exactly " + new TreeSet<>(EXPECTED_INTERFACES));
    }
    return problems;
  }

  /** Loopback, link-local, or the namespace's veth subnet 10.77.0.0/24. */
  static boolean insideNamespace(InetAddress address) {
    if (address.isLoopbackAddress() || address.isLinkLocalAddress()) {
      return true;
    }
    if (address instanceof Inet4Address) {
      byte[] b = address.getAddress();
      return b[0] == 10 && b[1] == 77 && b[2] == 0;
    }
    return false;
  }

  /**
   * Whether an ICE candidate's connection address stays inside the namespace: an address for
   * which {@link #insideNamespace} holds, or an mDNS {@code .local} name (it resolves only on the
   * namespace's own links).
   */
  static boolean candidateAddressInside(String address) {
    if (address.endsWith(".local")) {
      return true;
    }
    if (!address.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false; // a host name would need DNS, which the namespace does not have
    }
    try {
      return insideNamespace(InetAddress.getByName(address));
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
