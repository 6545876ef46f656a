package dev.jrtc.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 8445 §6.1.2 check list forming, pruning, ordering and §6.1.2.6 / §7.2.5.3.3 freezing. */
class CheckListTest {
  private static Candidate c(String foundation, String ip, int port, CandidateType type, long prio) {
    return new Candidate(foundation, 1, TestNet.udp(ip, port), prio, type, null);
  }

  @Test
  @DisplayName("pairs are ordered by priority; the first pair of each foundation waits, the others freeze")
  void formingAndInitialStates() {
    CheckList cl = new CheckList();
    Candidate l1 = c("L", "192.0.2.1", 1, CandidateType.HOST, 2130706431L);
    Candidate r1 = c("R", "192.0.2.2", 2, CandidateType.HOST, 2130706431L);
    Candidate r2 = c("R", "192.0.2.3", 3, CandidateType.HOST, 2130706175L);
    Candidate r3 = c("S", "192.0.2.4", 4, CandidateType.SERVER_REFLEXIVE, 1686052607L);
    CheckList.Entry e1 = cl.add(l1, r1, true);
    CheckList.Entry e2 = cl.add(l1, r2, true);
    CheckList.Entry e3 = cl.add(l1, r3, true);
    assertThat(cl.entries()).containsExactly(e1, e2, e3);
    assertThat(e1.state).isEqualTo(CandidatePairState.WAITING);
    assertThat(e2.state).isEqualTo(CandidatePairState.FROZEN); // same foundation L:R
    assertThat(e3.state).isEqualTo(CandidatePairState.WAITING);
    assertThat(cl.add(l1, r1, true)).isSameAs(e1); // no duplicates
    // §7.2.5.3.3: success unfreezes the same foundation.
    e1.state = CandidatePairState.SUCCEEDED;
    cl.unfreeze(e1.foundation());
    assertThat(e2.state).isEqualTo(CandidatePairState.WAITING);
  }

  @Test
  @DisplayName("RFC 8445 §6.1.2.2 only compatible candidates pair; §6.1.2.4 srflx locals are pruned")
  void compatibilityAndPruning() {
    CheckList cl = new CheckList();
    Candidate v4 = c("L", "192.0.2.1", 1, CandidateType.HOST, 100);
    Candidate v6 = c("R", "2001:db8::1", 2, CandidateType.HOST, 100);
    assertThat(cl.add(v4, v6, true)).isNull();
    Candidate tcp = new Candidate("T", 1, new TransportAddress(v4.address().address(), 9, Protocol.TCP), 100,
        CandidateType.HOST, null);
    assertThat(cl.add(tcp, c("R", "192.0.2.2", 2, CandidateType.HOST, 100), true)).isNull();
    Candidate srflx = new Candidate("S", 1, TestNet.udp("203.0.113.1", 9), 100, CandidateType.SERVER_REFLEXIVE,
        v4.address());
    assertThat(cl.add(srflx, c("R", "192.0.2.2", 2, CandidateType.HOST, 100), true)).isNull();
  }

  @Test
  @DisplayName("RFC 8445 §6.1.4.2 ordinary checks take Waiting pairs first, then unfreeze")
  void nextOrdinary() {
    CheckList cl = new CheckList();
    Candidate l = c("L", "192.0.2.1", 1, CandidateType.HOST, 100);
    CheckList.Entry a = cl.add(l, c("R", "192.0.2.2", 2, CandidateType.HOST, 300), true);
    CheckList.Entry b = cl.add(l, c("R", "192.0.2.3", 3, CandidateType.HOST, 200), true);
    assertThat(cl.nextOrdinary()).isSameAs(a);
    a.state = CandidatePairState.IN_PROGRESS;
    assertThat(cl.nextOrdinary()).isSameAs(b);
    assertThat(b.state).isEqualTo(CandidatePairState.WAITING);
    b.state = CandidatePairState.FAILED;
    a.state = CandidatePairState.FAILED;
    assertThat(cl.nextOrdinary()).isNull();
    assertThat(cl.allFailed()).isTrue();
  }

  @Test
  @DisplayName("role change recomputes pair priorities and order")
  void roleChange() {
    CheckList cl = new CheckList();
    Candidate l1 = c("A", "192.0.2.1", 1, CandidateType.HOST, 1000);
    Candidate l2 = c("B", "192.0.2.5", 1, CandidateType.HOST, 10);
    Candidate r = c("R", "192.0.2.2", 2, CandidateType.HOST, 500);
    CheckList.Entry e1 = cl.add(l1, r, true);
    CheckList.Entry e2 = cl.add(l2, r, true);
    assertThat(e1.priority).isEqualTo(CandidatePair.priority(1000, 500));
    cl.setRole(false);
    assertThat(e1.priority).isEqualTo(CandidatePair.priority(500, 1000));
    assertThat(cl.entries()).containsExactly(e1, e2);
  }

  @Test
  @DisplayName("RFC 8445 §6.1.2.5 at the limit the lowest-priority pairs go, Failed first; busy and valid pairs stay")
  void pruningAtTheLimit() {
    CheckList cl = new CheckList();
    Candidate l = c("L", "192.0.2.1", 1, CandidateType.HOST, 2000);
    List<CheckList.Entry> added = new ArrayList<>();
    for (int i = 0; i < CheckList.MAX_PAIRS; i++) {
      added.add(cl.add(l, c("R" + i, "198.51.100." + (i + 1), 1000 + i, CandidateType.HOST, 1000 + i), true));
    }
    assertThat(cl.entries()).hasSize(CheckList.MAX_PAIRS);
    CheckList.Entry lowest = added.get(0);
    CheckList.Entry failed = added.get(50);
    failed.state = CandidatePairState.FAILED;
    for (int i = 1; i < 5; i++) { // the next-lowest pairs are busy, valid or nominated
      added.get(i).state = CandidatePairState.IN_PROGRESS;
    }
    lowest.state = CandidatePairState.SUCCEEDED;
    lowest.valid = true;
    // A new pair above the lowest: the Failed pair goes first, whatever its priority.
    CheckList.Entry n1 = cl.add(l, c("N1", "203.0.113.1", 1, CandidateType.HOST, 1500), true);
    assertThat(n1).isNotNull();
    assertThat(cl.contains(failed)).isFalse();
    assertThat(cl.entries()).hasSize(CheckList.MAX_PAIRS);
    // Next, the lowest-priority Waiting/Frozen pair, not the valid or In-Progress ones below it.
    CheckList.Entry n2 = cl.add(l, c("N2", "203.0.113.2", 1, CandidateType.HOST, 1600), true);
    assertThat(n2).isNotNull();
    assertThat(cl.contains(added.get(5))).isFalse();
    assertThat(cl.contains(lowest)).isTrue();
    assertThat(cl.contains(added.get(1))).isTrue();
    // A pair ranking below every discardable one is not formed...
    assertThat(cl.add(l, c("N3", "203.0.113.3", 1, CandidateType.HOST, 1), true)).isNull();
    // ...unless forced: a triggered check for an incoming (maybe nominating) request needs it.
    CheckList.Entry forced = cl.add(l, c("N4", "203.0.113.4", 1, CandidateType.HOST, 1), true, true);
    assertThat(forced).isNotNull();
    assertThat(cl.contains(forced)).isTrue();
    assertThat(cl.entries()).hasSize(CheckList.MAX_PAIRS);
  }

  @Test
  @DisplayName("RFC 8445 §6.1.2.5 a list of busy pairs grows past the limit for a forced pair rather than lose it")
  void forcedPairWhenNothingCanGo() {
    CheckList cl = new CheckList();
    Candidate l = c("L", "192.0.2.1", 1, CandidateType.HOST, 2000);
    for (int i = 0; i < CheckList.MAX_PAIRS; i++) {
      cl.add(l, c("R" + i, "198.51.100." + (i + 1), 1000 + i, CandidateType.HOST, 1000 + i), true).state =
          CandidatePairState.IN_PROGRESS;
    }
    assertThat(cl.add(l, c("N", "203.0.113.1", 1, CandidateType.HOST, 5000), true)).isNull();
    assertThat(cl.add(l, c("N", "203.0.113.1", 1, CandidateType.HOST, 5000), true, true)).isNotNull();
    assertThat(cl.entries()).hasSize(CheckList.MAX_PAIRS + 1);
  }
}
