package dev.jrtc;

/** Helpers shared by the IDL enum types: lookup by IDL string. */
final class Idl {

  private Idl() {}

  /** An enum constant with an IDL string. */
  interface Value {
    String value();
  }

  /** The constant of {@code type} whose IDL string is {@code value}; TypeError otherwise (WebIDL). */
  static <E extends Enum<E> & Value> E fromValue(Class<E> type, String value) {
    if (value != null) {
      for (E e : type.getEnumConstants()) {
        if (e.value().equals(value)) {
          return e;
        }
      }
    }
    throw new TypeException("The provided value '" + value + "' is not a valid enum value of type "
        + type.getSimpleName() + ".");
  }
}
