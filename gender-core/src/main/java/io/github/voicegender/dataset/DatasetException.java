package io.github.voicegender.dataset;

import java.io.IOException;

/**
 * A dataset that cannot be used as given: missing directory, missing or malformed metadata. The
 * message says where the reader looked and what to do.
 */
public class DatasetException extends IOException {

  public DatasetException(String message) {
    super(message);
  }

  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
