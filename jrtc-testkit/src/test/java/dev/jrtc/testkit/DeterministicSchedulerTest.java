package dev.jrtc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterministicSchedulerTest {
  private final SimClock clock = SimClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
  private final DeterministicScheduler s = DeterministicScheduler.create(clock);
  private final List<String> log = new ArrayList<>();

  private Runnable note(String what) {
    return () -> log.add(what + "@" + clock.elapsed().toMillis());
  }

  @Test
  void clockStartsAtTheGivenWallTimeAndMovesBothTimesTogether() {
    long mono = clock.monotonicNanos();
    assertThat(clock.wallMillis()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    s.advance(Duration.ofMillis(1500));
    assertThat(clock.monotonicNanos() - mono).isEqualTo(1_500_000_000L);
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:01.500Z"));
    assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void tasksRunByDueTimeThenByInsertionOrder() {
    s.schedule(Duration.ofMillis(20), note("c"));
    s.schedule(Duration.ofMillis(10), note("a"));
    s.schedule(Duration.ofMillis(10), note("b"));
    s.schedule(Duration.ZERO, note("now"));
    assertThat(s.pendingTasks()).isEqualTo(4);
    s.advance(Duration.ofMillis(15));
    assertThat(log).containsExactly("now@0", "a@10", "b@10");
    assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(15));
    s.advance(Duration.ofMillis(5));
    assertThat(log).containsExactly("now@0", "a@10", "b@10", "c@20");
    assertThat(s.pendingTasks()).isZero();
  }

  @Test
  void runPendingRunsOnlyWhatIsDueIncludingTasksScheduledForNow() {
    s.schedule(Duration.ZERO, () -> {
      log.add("first");
      s.executor().execute(note("chained"));
      s.schedule(Duration.ofMillis(1), note("later"));
    });
    assertThat(s.runPending()).isEqualTo(2);
    assertThat(log).containsExactly("first", "chained@0");
    assertThat(s.nextDueNanos()).isEqualTo(clock.monotonicNanos() + 1_000_000L);
  }

  @Test
  void cancelledTasksDoNotRun() {
    DeterministicScheduler.Task t = s.schedule(Duration.ofMillis(5), note("x"));
    s.schedule(Duration.ofMillis(6), note("y"));
    t.cancel();
    t.cancel();
    assertThat(s.pendingTasks()).isEqualTo(1);
    s.advance(Duration.ofSeconds(1));
    assertThat(log).containsExactly("y@6");
  }

  @Test
  void runUntilStopsWhenTheConditionHoldsAndLeavesTheClockThere() {
    int[] counter = {0};
    Runnable tick = new Runnable() {
      @Override
      public void run() {
        counter[0]++;
        s.schedule(Duration.ofMillis(100), this);
      }
    };
    s.schedule(Duration.ofMillis(100), tick);
    assertThat(s.runUntil(() -> counter[0] == 5, Duration.ofSeconds(10))).isTrue();
    assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void runUntilGivesUpAtTheVirtualLimit() {
    s.schedule(Duration.ofSeconds(30), note("too late"));
    assertThat(s.runUntil(() -> !log.isEmpty(), Duration.ofSeconds(10))).isFalse();
    assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(10));
    assertThat(log).isEmpty();
    assertThat(s.runUntil(() -> false, Duration.ofSeconds(1))).isFalse();
    assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(11));
  }

  @Test
  void runNextTaskJumpsToTheNextDueTime() {
    s.schedule(Duration.ofHours(2), note("h"));
    assertThat(s.runNextTask()).isTrue();
    assertThat(log).containsExactly("h@7200000");
    assertThat(s.runNextTask()).isFalse();
  }

  @Test
  void aTaskThatReschedulesItselfWithoutDelayIsReported() {
    Runnable spin = new Runnable() {
      @Override
      public void run() {
        s.executor().execute(this);
      }
    };
    s.executor().execute(spin);
    assertThatThrownBy(s::runPending).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reschedul");
  }

  @Test
  void exceptionsFromTasksReachTheCaller() {
    s.schedule(Duration.ofMillis(1), () -> {
      throw new IllegalStateException("boom");
    });
    s.schedule(Duration.ofMillis(2), note("after"));
    assertThatThrownBy(() -> s.advance(Duration.ofMillis(5))).hasMessage("boom");
    s.advance(Duration.ofMillis(5));
    assertThat(log).containsExactly("after@2");
  }

  @Test
  void pastDueTimesRunAtTheCurrentInstantAndNegativeAdvanceIsRejected() {
    s.advance(Duration.ofSeconds(1));
    s.scheduleAt(0, note("past"));
    s.runPending();
    assertThat(log).containsExactly("past@1000");
    assertThatThrownBy(() -> s.advance(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
  }
}
