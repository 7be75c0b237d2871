package io.github.voicegender.web;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A clip the page offers one click away, held in memory as 16-bit mono WAV (any browser plays it).
 *
 * @param id short name in its URL, {@code /examples/<id>.wav}: letters, digits, {@code -} and {@code _}
 * @param title what the page shows on its button
 * @param description one line more, such as where it comes from (may be empty)
 * @param wav the clip as WAV bytes
 * @param durationSeconds its length
 */
public record ExampleClip(String id, String title, String description, byte[] wav, double durationSeconds) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public ExampleClip {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(wav, "wav");
    description = description == null ? "" : description;
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("Example id must be 1 to 64 letters, digits, - or _: " + id);
    }
  }
}
