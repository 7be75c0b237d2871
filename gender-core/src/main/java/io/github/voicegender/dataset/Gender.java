package io.github.voicegender.dataset;

import java.util.Locale;

/** A speaker's sex as recorded in the corpus metadata, the label the model learns. */
public enum Gender {
  MALE,
  FEMALE;

  /** The label used in outputs: {@code male} or {@code female}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code M}/{@code F} (LibriSpeech's SEX column) or {@code male}/{@code female}, in any
   * case.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static Gender parse(String text) {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "m":
      case "male":
        return MALE;
      case "f":
      case "female":
        return FEMALE;
      default:
        throw new IllegalArgumentException(
            "'" + text.trim() + "' is not a gender: expected M, F, male or female");
    }
  }
}
