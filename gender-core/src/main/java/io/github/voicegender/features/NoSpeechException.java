package io.github.voicegender.features;

import java.io.IOException;

/**
 * The audio holds nothing to describe a voice with: silence, too short, or no voiced frame. For
 * training data such a file is skipped; for prediction it means the answer is {@code unknown}.
 */
public class NoSpeechException extends IOException {

  public NoSpeechException(String message) {
    super(message);
  }
}
