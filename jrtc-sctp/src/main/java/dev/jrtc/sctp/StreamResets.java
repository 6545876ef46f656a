package dev.jrtc.sctp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Outgoing SSN reset (RFC 6525 §5.1.2, §5.2.2) for one association: our requests with their
 * retransmission, and the peer's requests, deferred until every TSN before the reset has arrived.
 * Request sequence numbers start at the sender's initial TSN (RFC 6525 §5.1.1).
 */
final class StreamResets {
  private final SctpAssociation association;
  private final Set<Integer> wanted = new LinkedHashSet<>();
  private OutgoingSsnResetRequestParameter outstanding;
  private int nextRequestSeq;
  private int expectedPeerSeq;
  private ReconfigurationResponseParameter lastResponse;
  private OutgoingSsnResetRequestParameter deferred;
  private long deadline = Long.MAX_VALUE;

  StreamResets(SctpAssociation association, int localInitialTsn) {
    this.association = association;
    this.nextRequestSeq = localInitialTsn;
  }

  void setPeerInitialTsn(int tsn) {
    this.expectedPeerSeq = tsn;
  }

  long deadline() {
    return deadline;
  }

  boolean isResetting(int stream) {
    return wanted.contains(stream) || (outstanding != null && outstanding.streams().contains(stream));
  }

  void request(Collection<Integer> streams) {
    for (int s : streams) {
      if (s < 0 || s > 0xffff) {
        throw new IllegalArgumentException("stream id out of range: " + s);
      }
      wanted.add(s);
    }
  }

  /** Sends the next request once the last one is answered and the streams' queued data has TSNs. */
  void maybeSendRequest(long now) {
    if (outstanding != null || wanted.isEmpty() || association.outbound().hasPendingFor(wanted)) {
      return;
    }
    // RFC 6525 §4.1: Sender's Last Assigned TSN is the last TSN given to any DATA chunk.
    outstanding = new OutgoingSsnResetRequestParameter(nextRequestSeq, expectedPeerSeq - 1,
        association.outbound().nextTsn() - 1, new ArrayList<>(wanted));
    wanted.clear();
    association.queueControl(new ReConfigChunk(List.of(outstanding)));
    deadline = now + association.rto().rto();
  }

  /** RFC 6525 §5.1.1: an unanswered request is retransmitted after an RTO. */
  void onTimer(long now) {
    deadline = Long.MAX_VALUE;
    if (outstanding != null) {
      association.queueControl(new ReConfigChunk(List.of(outstanding)));
      association.rto().backOff();
      deadline = now + association.rto().rto();
    }
  }

  void onReConfig(ReConfigChunk chunk, long now) {
    for (Parameter p : chunk.parameters()) {
      if (p instanceof OutgoingSsnResetRequestParameter req) {
        onRequest(req);
      } else if (p instanceof ReconfigurationResponseParameter resp) {
        onResponse(resp, now);
      }
    }
  }

  /** RFC 6525 §5.2.2 and §5.2.1 (sequence number checks). */
  private void onRequest(OutgoingSsnResetRequestParameter req) {
    int seq = req.requestSequenceNumber();
    if (seq == expectedPeerSeq - 1) {
      // A retransmission of the request we already handled: answer the same again.
      if (deferred != null && deferred.requestSequenceNumber() == seq) {
        respond(seq, ReconfigurationResponseParameter.IN_PROGRESS);
      } else if (lastResponse != null) {
        association.queueControl(new ReConfigChunk(List.of(lastResponse)));
      }
      return;
    }
    if (seq != expectedPeerSeq) {
      respond(seq, ReconfigurationResponseParameter.ERROR_BAD_SEQUENCE_NUMBER);
      return;
    }
    expectedPeerSeq++;
    if (Tsn.ge(association.inbound().cumulativeTsn(), req.sendersLastAssignedTsn())) {
      perform(req);
    } else {
      // Deferred reset processing: wait until every TSN up to the sender's last one has arrived.
      deferred = req;
      respond(seq, ReconfigurationResponseParameter.IN_PROGRESS);
    }
  }

  /** After DATA or FORWARD TSN: a deferred reset whose TSNs have all arrived is performed. */
  void afterData(long now) {
    if (deferred != null && Tsn.ge(association.inbound().cumulativeTsn(), deferred.sendersLastAssignedTsn())) {
      OutgoingSsnResetRequestParameter req = deferred;
      deferred = null;
      perform(req);
    }
  }

  private void perform(OutgoingSsnResetRequestParameter req) {
    association.deliverPending();
    association.inbound().resetStreams(req.streams());
    association.deliverPending();
    respond(req.requestSequenceNumber(), ReconfigurationResponseParameter.SUCCESS_PERFORMED);
    association.emit(new SctpEvent.StreamReset(req.streams(), true));
  }

  private void respond(int seq, int result) {
    ReconfigurationResponseParameter r = new ReconfigurationResponseParameter(seq, result, null, null);
    if (result != ReconfigurationResponseParameter.IN_PROGRESS) {
      lastResponse = r;
    }
    association.queueControl(new ReConfigChunk(List.of(r)));
  }

  private void onResponse(ReconfigurationResponseParameter resp, long now) {
    if (outstanding == null || resp.responseSequenceNumber() != outstanding.requestSequenceNumber()) {
      return;
    }
    int result = resp.result();
    if (result == ReconfigurationResponseParameter.IN_PROGRESS) {
      deadline = now + association.rto().rto(); // ask again later
      return;
    }
    OutgoingSsnResetRequestParameter done = outstanding;
    outstanding = null;
    nextRequestSeq++;
    deadline = Long.MAX_VALUE;
    if (result == ReconfigurationResponseParameter.SUCCESS_PERFORMED
        || result == ReconfigurationResponseParameter.SUCCESS_NOTHING_TO_DO) {
      association.outbound().resetSsn(done.streams());
      association.emit(new SctpEvent.StreamReset(done.streams(), false));
    } else {
      // Denied or an error: the streams stay as they are; nothing more can be done on the wire.
      org.slf4j.LoggerFactory.getLogger("dev.jrtc.sctp")
          .warn("peer refused to reset streams {} (result {})", done.streams(), result);
    }
  }

  void clear() {
    wanted.clear();
    outstanding = null;
    deferred = null;
    deadline = Long.MAX_VALUE;
  }
}
