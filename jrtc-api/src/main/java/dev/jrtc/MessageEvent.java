package dev.jrtc;

import java.nio.ByteBuffer;

/**
 * The HTML {@code MessageEvent} as {@link RTCDataChannel} fires it
 * (https://w3c.github.io/webrtc-pc/#receiving-messages): {@code data} is a {@link String} for a
 * text message, else per {@link RTCDataChannel#binaryType()}: a read-only {@link ByteBuffer} for
 * {@code arraybuffer}, a {@code byte[]} for {@code blob}.
 */
public class MessageEvent extends Event {

  private final Object data;

  /** A {@code message} event with {@code data} (String, ByteBuffer or byte[]). */
  public MessageEvent(String type, Object data) {
    super(type);
    this.data = data;
  }

  /** The message: String, ByteBuffer or byte[]. */
  public Object data() {
    return data;
  }

  /** True when the message was text. */
  public boolean isText() {
    return data instanceof String;
  }

  /** The text; {@link TypeException} when the message was binary. */
  public String text() {
    if (data instanceof String s) {
      return s;
    }
    throw new TypeException("the message is binary");
  }

  /** The binary payload as a new array; {@link TypeException} when the message was text. */
  public byte[] bytes() {
    if (data instanceof ByteBuffer b) {
      ByteBuffer d = b.duplicate();
      byte[] out = new byte[d.remaining()];
      d.get(out);
      return out;
    }
    if (data instanceof byte[] a) {
      return a.clone();
    }
    throw new TypeException("the message is text");
  }
}
