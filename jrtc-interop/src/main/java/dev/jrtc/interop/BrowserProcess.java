package dev.jrtc.interop;

/** A headless browser process started by the harness ({@link Chromium} or {@link Firefox}). */
interface BrowserProcess extends AutoCloseable {

  boolean isAlive();

  /** Makes {@link #logTail} show only what the browser logs from now on. */
  void markLog();

  /** The last {@code n} log lines since {@link #markLog()}, under a heading, for failure messages. */
  String logTail(int n);

  /** Ends the process tree and deletes the profile. */
  @Override
  void close();
}
