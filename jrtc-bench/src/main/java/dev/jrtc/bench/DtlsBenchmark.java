package dev.jrtc.bench;

import dev.jrtc.common.Entropy;
import dev.jrtc.dtls.CertificateFingerprint;
import dev.jrtc.dtls.DtlsCertificate;
import dev.jrtc.dtls.DtlsConfig;
import dev.jrtc.dtls.DtlsEndpoint;
import dev.jrtc.dtls.DtlsEvent;
import dev.jrtc.dtls.DtlsRole;
import dev.jrtc.dtls.DtlsState;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * DTLS record protection on 1,200-byte payloads, the hot path of every data-channel byte.
 *
 * <p>{@code gcmSealOpenJdk} and {@code gcmSealOpenBc} compare the two AES-128-GCM backends jrtc
 * could use: the JDK's {@code Cipher} (SunJCE, AES-NI and GHASH intrinsics) and Bouncy Castle's
 * pure-Java {@link GCMBlockCipher}. {@code dtlsRecordSendReceive} is the whole record path of
 * {@link DtlsEndpoint} (Bouncy Castle's DTLS record layer over {@code JcaTlsCrypto}, so the JDK
 * cipher underneath): protect on one endpoint, unprotect on the other.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DtlsBenchmark {
  static final int PAYLOAD = 1200;

  private final byte[] payload = new byte[PAYLOAD];
  private final byte[] key = new byte[16];
  private final byte[] nonce = new byte[12];
  private final byte[] aad = new byte[13];
  private Cipher jdkCipher;
  private SecretKeySpec jdkKey;
  private GCMModeCipher bcCipher;
  private byte[] bcOut;
  private long counter;

  private ExecutorService pool;
  private DtlsEndpoint client;
  private DtlsEndpoint server;
  private byte[] record;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Entropy e = Entropy.seeded(1);
    e.nextBytes(payload);
    e.nextBytes(key);
    jdkCipher = Cipher.getInstance("AES/GCM/NoPadding");
    jdkKey = new SecretKeySpec(key, "AES");
    bcCipher = GCMBlockCipher.newInstance(AESEngine.newInstance());
    bcOut = new byte[PAYLOAD + 16];

    pool = DtlsEndpoint.newHandshakeExecutor(2);
    DtlsCertificate cc = DtlsCertificate.generateEcdsaP256(e, 0, 4_000_000_000_000L);
    DtlsCertificate sc = DtlsCertificate.generateEcdsaP256(e, 0, 4_000_000_000_000L);
    Object wake = new Object();
    Runnable wakeup = () -> {
      synchronized (wake) {
        wake.notifyAll();
      }
    };
    client = DtlsEndpoint.create(DtlsRole.CLIENT, DtlsConfig.builder(cc)
        .remoteFingerprints(List.of(CertificateFingerprint.of(sc, "sha-256"))).build(), e, pool, wakeup);
    server = DtlsEndpoint.create(DtlsRole.SERVER, DtlsConfig.builder(sc)
        .remoteFingerprints(List.of(CertificateFingerprint.of(cc, "sha-256"))).build(), e, pool, wakeup);
    server.start(0);
    client.start(0);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (client.state() != DtlsState.CONNECTED || server.state() != DtlsState.CONNECTED) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("DTLS handshake did not complete: " + client.state() + "/" + server.state());
      }
      pump();
      synchronized (wake) {
        wake.wait(5);
      }
    }
    pump();
    // The largest record that fits a 1,200-byte datagram (1,163 bytes with the AES-GCM overhead).
    record = java.util.Arrays.copyOf(payload, client.maxApplicationDataSize());
  }

  private void pump() {
    boolean moved;
    do {
      moved = false;
      byte[] d;
      while ((d = client.pollTransmit()) != null) {
        server.handleDatagram(d, 0);
        moved = true;
      }
      while ((d = server.pollTransmit()) != null) {
        client.handleDatagram(d, 0);
        moved = true;
      }
      while (client.pollEvent() != null) {
        moved = true;
      }
      while (server.pollEvent() != null) {
        moved = true;
      }
    } while (moved);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    client.close();
    server.close();
    pool.shutdownNow();
  }

  private void nextNonce() {
    long c = ++counter;
    for (int i = 0; i < 8; i++) {
      nonce[11 - i] = (byte) (c >>> (8 * i));
    }
  }

  /** AES-128-GCM seal then open of one 1,200-byte record with the JDK's SunJCE cipher. */
  @Benchmark
  public byte[] gcmSealOpenJdk() throws Exception {
    nextNonce();
    GCMParameterSpec spec = new GCMParameterSpec(128, nonce);
    jdkCipher.init(Cipher.ENCRYPT_MODE, jdkKey, spec);
    jdkCipher.updateAAD(aad);
    byte[] sealed = jdkCipher.doFinal(payload);
    jdkCipher.init(Cipher.DECRYPT_MODE, jdkKey, spec);
    jdkCipher.updateAAD(aad);
    return jdkCipher.doFinal(sealed);
  }

  /** The same with Bouncy Castle's pure-Java GCM. */
  @Benchmark
  public byte[] gcmSealOpenBc() throws Exception {
    nextNonce();
    AEADParameters p = new AEADParameters(new KeyParameter(key), 128, nonce.clone(), aad);
    bcCipher.init(true, p);
    int n = bcCipher.processBytes(payload, 0, payload.length, bcOut, 0);
    n += bcCipher.doFinal(bcOut, n);
    bcCipher.init(false, p);
    byte[] plain = new byte[PAYLOAD + 16];
    int m = bcCipher.processBytes(bcOut, 0, n, plain, 0);
    bcCipher.doFinal(plain, m);
    return plain;
  }

  /** One full 1,200-byte datagram through DtlsEndpoint: record protection and unprotection. */
  @Benchmark
  public Object dtlsRecordSendReceive() {
    client.send(record);
    byte[] d = client.pollTransmit();
    server.handleDatagram(d, 0);
    DtlsEvent ev = server.pollEvent();
    if (!(ev instanceof DtlsEvent.ApplicationData)) {
      throw new IllegalStateException("expected application data, got " + ev);
    }
    return ev;
  }
}
