package dev.jrtc.sctp;

import java.util.List;

/** What an {@link SctpAssociation} reports to its driver, polled with {@link SctpAssociation#pollEvent()}. */
public sealed interface SctpEvent {

  /** The association reached ESTABLISHED (RFC 9260 §5.1). */
  record Connected() implements SctpEvent {}

  /**
   * A whole message arrived on a stream. Empty-PPID messages ({@link Ppid#STRING_EMPTY},
   * {@link Ppid#BINARY_EMPTY}) come with an empty payload.
   */
  record StreamMessage(int streamId, int ppid, byte[] payload) implements SctpEvent {
    /** The payload length, for logs. */
    @Override
    public String toString() {
      return "StreamMessage[stream=" + streamId + ", ppid=" + ppid + ", " + payload.length + " bytes]";
    }
  }

  /**
   * Streams were reset (RFC 6525 §5.2.2). {@code incoming}: the peer reset its outgoing streams,
   * so our incoming ones; otherwise our own outgoing reset request was performed by the peer.
   */
  record StreamReset(List<Integer> streams, boolean incoming) implements SctpEvent {
    /** Copies the list. */
    public StreamReset {
      streams = List.copyOf(streams);
    }
  }

  /**
   * The bytes queued on a stream and not yet sent once ({@link SctpAssociation#bufferedAmount})
   * fell to or below that stream's threshold ({@link SctpAssociation#setBufferedAmountLowThreshold}).
   */
  record BufferedAmountLow(int streamId, long bufferedAmount) implements SctpEvent {}

  /** The association ended: graceful shutdown (RFC 9260 §9.2) or a local abort. */
  record Closed() implements SctpEvent {}

  /**
   * The association failed: the peer sent ABORT (with its first error cause code, or -1), or it
   * became unreachable (RFC 9260 §8.1), or the handshake timed out.
   */
  record Failed(String reason, int causeCode) implements SctpEvent {}
}
