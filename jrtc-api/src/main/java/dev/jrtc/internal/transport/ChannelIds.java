package dev.jrtc.internal.transport;

import dev.jrtc.dtls.DtlsRole;
import java.util.function.IntPredicate;

/**
 * Stream id choice for data channels, RFC 8832 §6: the DTLS client uses even stream ids, the DTLS
 * server odd ones, so both sides can open channels at once without colliding; the lowest free id
 * is taken (as browsers do). Ids stay below the usable stream count (65,535 before the
 * association is up, RFC 8831 §6.2; then {@code min(outbound, inbound)} streams).
 */
final class ChannelIds {
  /** The largest stream id a channel may have (W3C createDataChannel: id up to 65534). */
  static final int MAX_ID = 65_534;

  private ChannelIds() {}

  /**
   * The lowest free id of {@code role}'s parity below {@code limit}, or -1 when none is left.
   *
   * @param inUse true for ids that are taken
   */
  static int allocate(DtlsRole role, int limit, IntPredicate inUse) {
    int end = Math.min(limit, MAX_ID + 1);
    for (int id = role == DtlsRole.CLIENT ? 0 : 1; id < end; id += 2) {
      if (!inUse.test(id)) {
        return id;
      }
    }
    return -1;
  }
}
