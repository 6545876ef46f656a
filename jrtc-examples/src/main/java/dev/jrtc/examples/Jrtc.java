package dev.jrtc.examples;

import dev.jrtc.examples.web.WebDemo;
import java.util.Arrays;
import java.util.List;

/**
 * The Java side of the {@code ./jrtc} launcher: {@code demo} and {@code sdp check}. The launcher
 * script itself handles {@code build}, {@code test} and {@code bench} (which runs jrtc-bench).
 */
public final class Jrtc {

  public static void main(String[] args) throws Exception {
    System.exit(run(Arrays.asList(args)));
  }

  static int run(List<String> args) throws Exception {
    if (args.isEmpty()) {
      System.err.println("usage: ./jrtc demo [PORT] [--loopback] | ./jrtc demo transfer | ./jrtc demo negotiation"
          + " | ./jrtc sdp check FILE...   (./jrtc help)");
      return 2;
    }
    switch (args.get(0)) {
      case "demo":
        // ./jrtc demo [PORT] [--loopback]: the browser demo (issue 6); "transfer" and
        // "negotiation" are the smaller in-process demos.
        if (args.size() > 1 && args.get(1).equals("transfer")) {
          return DataChannelDemo.run(System.out);
        }
        if (args.size() > 1 && args.get(1).equals("negotiation")) {
          NegotiationDemo.run(System.out);
          return 0;
        }
        return WebDemo.run(args.subList(1, args.size()).toArray(String[]::new), System.out);
      case "sdp":
        if (args.size() < 2 || !args.get(1).equals("check")) {
          System.err.println("usage: ./jrtc sdp check FILE...");
          return 2;
        }
        return SdpCheck.run(args.subList(2, args.size()), System.out, System.err);
      default:
        System.err.println("jrtc: unknown command '" + args.get(0) + "' (./jrtc help)");
        return 2;
    }
  }

  private Jrtc() {}
}
