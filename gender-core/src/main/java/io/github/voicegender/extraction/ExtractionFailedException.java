package io.github.voicegender.extraction;

import java.io.IOException;

/** Extraction stopped at a bad file because failOnError was set. */
public class ExtractionFailedException extends IOException {

  private final ExtractionFailure failure;

  public ExtractionFailedException(ExtractionFailure failure) {
    super(failure.audio() + ": " + failure.reason());
    this.failure = failure;
  }

  public ExtractionFailure failure() {
    return failure;
  }
}
