package io.github.voicegender.download;

import java.io.IOException;

/** A tar entry that would land outside the directory it is unpacked into, or a link. */
public class UnsafeArchiveEntryException extends IOException {

  private final String entryName;

  public UnsafeArchiveEntryException(String entryName, String reason) {
    super("Archive entry '" + entryName + "' " + reason);
    this.entryName = entryName;
  }

  /** The entry's name as the archive gives it. */
  public String entryName() {
    return entryName;
  }
}
