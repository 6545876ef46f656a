package dev.jrtc.datachannel;

/** What a {@link DataChannelProtocol} reports, polled with {@link DataChannelProtocol#pollEvent()}. */
public sealed interface DataChannelEvent {

  /** A channel we created is open. */
  record ChannelOpen(int id) implements DataChannelEvent {}

  /** The peer opened a channel with DATA_CHANNEL_OPEN (RFC 8832 §6); it is open already. */
  record IncomingChannel(int id, ChannelParameters parameters) implements DataChannelEvent {}

  /** A message arrived on a channel; {@code binary} from the PPID (RFC 8831 §8). */
  record Message(int id, byte[] data, boolean binary) implements DataChannelEvent {
    /** Length only, for logs. */
    @Override
    public String toString() {
      return "Message[id=" + id + ", " + data.length + " bytes, binary=" + binary + "]";
    }
  }

  /** The peer started closing the channel (its outgoing stream was reset). */
  record ChannelClosing(int id) implements DataChannelEvent {}

  /** The channel is closed; {@code error} when the association failed under it. */
  record ChannelClosed(int id, boolean error) implements DataChannelEvent {}

  /** The channel's buffered amount fell to its threshold. */
  record BufferedAmountLow(int id, long bufferedAmount) implements DataChannelEvent {}
}
