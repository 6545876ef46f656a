package dev.jrtc.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The rules of ARCHITECTURE.md that the compiler cannot check: protocol cores are sans-IO (no
 * sockets, threads, executors, sleeps, clocks or global randomness), protocol modules do not
 * depend on each other, and the {@code RTC} prefix belongs to the W3C facade alone.
 */
class SansIoArchitectureTest {

  /** Packages of the sans-IO protocol cores (jrtc-dtls wraps Bouncy Castle's blocking DTLS: not here). */
  private static final String[] CORES = {
      "dev.jrtc.sdp..", "dev.jrtc.stun..", "dev.jrtc.ice..", "dev.jrtc.turn..", "dev.jrtc.sctp..",
      "dev.jrtc.datachannel.."};

  private static JavaClasses jrtc;

  @BeforeAll
  static void importClasses() {
    jrtc = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.jrtc");
  }

  @Test
  @DisplayName("cores own no socket, channel, thread or executor")
  void coresOwnNoIo() {
    noClasses().that().resideInAnyPackage(CORES)
        .should().dependOnClassesThat().resideInAnyPackage("java.nio.channels..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.DatagramSocket")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.ServerSocket")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executor")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ExecutorService")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ScheduledExecutorService")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Timer")
        .because("protocol cores are sans-IO: the runtime owns sockets, threads and timers (ARCHITECTURE.md)")
        .check(jrtc);
  }

  @Test
  @DisplayName("cores read no clock and use no global randomness")
  void coresReadNoClockOrGlobalRandom() {
    noClasses().that().resideInAnyPackage(CORES)
        .should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(Math.class, "random")
        .orShould().callMethod(Thread.class, "sleep", long.class)
        .orShould().callMethod("java.time.Instant", "now")
        .orShould().callConstructor(java.security.SecureRandom.class)
        .orShould().callConstructor(java.util.Random.class)
        .because("time is passed in as nowNanos and randomness comes from dev.jrtc.common.Entropy")
        .check(jrtc);
  }

  @Test
  @DisplayName("protocol modules do not depend on each other")
  void protocolModulesAreIndependent() {
    noClasses().that().resideInAnyPackage("dev.jrtc.sdp..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.jrtc.ice..", "dev.jrtc.stun..", "dev.jrtc.turn..",
            "dev.jrtc.sctp..", "dev.jrtc.datachannel..", "dev.jrtc.dtls..")
        .check(jrtc);
    noClasses().that().resideInAnyPackage("dev.jrtc.sctp..", "dev.jrtc.datachannel..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.jrtc.ice..", "dev.jrtc.stun..", "dev.jrtc.turn..",
            "dev.jrtc.sdp..", "dev.jrtc.dtls..")
        .check(jrtc);
    noClasses().that().resideInAnyPackage("dev.jrtc.ice..", "dev.jrtc.stun..", "dev.jrtc.turn..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.jrtc.sctp..", "dev.jrtc.datachannel..",
            "dev.jrtc.sdp..", "dev.jrtc.dtls..")
        .check(jrtc);
    noClasses().that().resideInAnyPackage("dev.jrtc.dtls..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.jrtc.ice..", "dev.jrtc.stun..", "dev.jrtc.turn..",
            "dev.jrtc.sctp..", "dev.jrtc.datachannel..", "dev.jrtc.sdp..")
        .check(jrtc);
  }

  @Test
  @DisplayName("the RTC prefix marks the W3C facade: RTC* types live in dev.jrtc only")
  void rtcPrefixOnlyInFacade() {
    classes().that().haveSimpleNameStartingWith("RTC").and().areTopLevelClasses()
        .should().resideInAPackage("dev.jrtc")
        .check(jrtc);
  }
}
