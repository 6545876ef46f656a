package dev.jrtc.examples.web;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code application/trickle-ice-sdpfrag} body (RFC 8840 §9, as used by WHIP, RFC 9725
 * §4.3.1): the ICE credentials, and the candidates grouped under the m-line (and its
 * {@code a=mid}) they belong to.
 *
 * @param iceUfrag the {@code a=ice-ufrag} value, or null when absent
 * @param icePwd the {@code a=ice-pwd} value, or null when absent
 * @param candidates the candidates in order of appearance
 * @param endOfCandidates true when {@code a=end-of-candidates} was present (RFC 8840 §8.2)
 */
record TrickleIceFragment(String iceUfrag, String icePwd, List<Candidate> candidates,
    boolean endOfCandidates) {

  /** Longest fragment accepted; a trickle fragment holds a few candidates, not kilobytes. */
  static final int MAX_LENGTH = 64 * 1024;

  TrickleIceFragment {
    candidates = List.copyOf(candidates);
  }

  /**
   * One {@code a=candidate} line.
   *
   * @param attribute the attribute text without {@code a=} ({@code "candidate:..."})
   * @param mid the {@code a=mid} of the m-line it follows, or null when that m-line had none
   * @param mLineIndex the index of that m-line within the fragment, or null when it came before
   *     any m-line (RFC 8840 §9 allows session-level candidates only with a single m-section)
   */
  record Candidate(String attribute, String mid, Integer mLineIndex) {}

  /**
   * Parses a fragment. Lines may end with CRLF or LF; blank lines are skipped; unknown
   * attributes (e.g. {@code a=ice-options}, {@code a=group}) are ignored as RFC 8840 §9 lets
   * them be carried.
   *
   * @throws BadRequestException (400) naming the offending line when the text is not an sdpfrag
   */
  static TrickleIceFragment parse(String text) throws BadRequestException {
    if (text.length() > MAX_LENGTH) {
      throw new BadRequestException(413, "sdpfrag longer than " + MAX_LENGTH + " characters");
    }
    String ufrag = null;
    String pwd = null;
    boolean end = false;
    List<Candidate> candidates = new ArrayList<>();
    List<Candidate> pending = new ArrayList<>();
    int mIndex = -1;
    String mid = null;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        continue;
      }
      if (line.length() < 2 || line.charAt(1) != '=') {
        throw new BadRequestException(400, "sdpfrag line " + (i + 1) + " is not <type>=<value>: " + clip(line));
      }
      char type = line.charAt(0);
      String value = line.substring(2);
      if (type == 'm') {
        candidates.addAll(pending);
        pending.clear();
        mIndex++;
        mid = null;
        continue;
      }
      if (type != 'a') {
        continue; // RFC 8840 §9: only m= and a= lines matter for trickle
      }
      if (value.startsWith("ice-ufrag:")) {
        ufrag = nonEmpty(value.substring(10), i);
      } else if (value.startsWith("ice-pwd:")) {
        pwd = nonEmpty(value.substring(8), i);
      } else if (value.startsWith("mid:")) {
        mid = nonEmpty(value.substring(4), i);
        // the a=mid line may follow candidates of the same m-line: name them now
        for (int k = 0; k < pending.size(); k++) {
          Candidate c = pending.get(k);
          pending.set(k, new Candidate(c.attribute(), mid, c.mLineIndex()));
        }
      } else if (value.equals("end-of-candidates")) {
        end = true;
      } else if (value.startsWith("candidate:")) {
        if (value.trim().split(" +").length < 8) {
          throw new BadRequestException(400, "sdpfrag line " + (i + 1)
              + " is a candidate with fewer than 8 fields (RFC 8839 §5.1): " + clip(line));
        }
        pending.add(new Candidate(value.trim(), mid, mIndex < 0 ? null : mIndex));
      }
    }
    candidates.addAll(pending);
    return new TrickleIceFragment(ufrag, pwd, candidates, end);
  }

  private static String nonEmpty(String value, int lineIndex) throws BadRequestException {
    String v = value.trim();
    if (v.isEmpty()) {
      throw new BadRequestException(400, "sdpfrag line " + (lineIndex + 1) + " has an empty value");
    }
    return v;
  }

  private static String clip(String line) {
    return line.length() > 80 ? line.substring(0, 80) + "..." : line;
  }
}
