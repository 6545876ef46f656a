package dev.jrtc.testkit;

import java.util.SplittableRandom;

/**
 * A packet loss model for a {@link SimLink}: the two-state Gilbert-Elliott chain. In the good
 * state a packet is lost with probability {@code lossInGood}, in the bad state with
 * {@code lossInBad}; before each packet the chain moves good to bad with probability
 * {@code goodToBad} and bad to good with {@code badToGood}. Independent (Bernoulli) loss is the
 * special case {@link #random(double)}.
 *
 * @param goodToBad probability p of entering the bad state, per packet
 * @param badToGood probability r of leaving the bad state, per packet
 * @param lossInGood loss probability in the good state (1 - k in Gilbert-Elliott terms)
 * @param lossInBad loss probability in the bad state (1 - h)
 */
public record Loss(double goodToBad, double badToGood, double lossInGood, double lossInBad) {

  /** Validates that every field is a probability and that the chain can leave the bad state. */
  public Loss {
    check(goodToBad, "goodToBad");
    check(badToGood, "badToGood");
    check(lossInGood, "lossInGood");
    check(lossInBad, "lossInBad");
    if (goodToBad > 0 && badToGood == 0) {
      throw new IllegalArgumentException("badToGood must be positive when goodToBad is");
    }
  }

  private static void check(double p, String name) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1]: " + p);
    }
  }

  /** No loss. */
  public static Loss none() {
    return new Loss(0, 1, 0, 0);
  }

  /** Each packet lost independently with probability {@code p}. */
  public static Loss random(double p) {
    return new Loss(0, 1, p, p);
  }

  /**
   * The simple Gilbert model: bursts. Nothing is lost in the good state, everything in the bad
   * one; the mean burst length is {@code 1 / badToGood} packets.
   */
  public static Loss gilbertElliott(double goodToBad, double badToGood) {
    return new Loss(goodToBad, badToGood, 0, 1);
  }

  /** The long-run fraction of packets lost: {@code πG * lossInGood + πB * lossInBad}. */
  public double averageLossRate() {
    if (goodToBad == 0) {
      return lossInGood;
    }
    double bad = goodToBad / (goodToBad + badToGood);
    return (1 - bad) * lossInGood + bad * lossInBad;
  }

  /** The per-direction state of the chain. */
  static final class State {
    private final Loss model;
    private boolean bad;

    State(Loss model) {
      this.model = model;
    }

    boolean lose(SplittableRandom random) {
      if (model.goodToBad == 0 && model.lossInGood == 0) {
        return false; // no loss: draw nothing, so turning loss off does not shift other draws
      }
      double t = random.nextDouble();
      bad = bad ? t >= model.badToGood : t < model.goodToBad;
      return random.nextDouble() < (bad ? model.lossInBad : model.lossInGood);
    }
  }
}
