package io.github.voicegender.download;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a {@code .tar.gz} archive into a directory, safely: an entry whose path would leave the
 * directory ({@code ../}, an absolute path) is refused before anything is written for it, and so
 * are links and special files (LibriSpeech archives hold only directories and regular files; a link
 * created here could later carry a regular entry outside the directory).
 */
public final class TarGzUnpacker {

  private TarGzUnpacker() {}

  /**
   * @param archive the {@code .tar.gz} file
   * @param target the directory to unpack into; it must exist and should be empty
   * @param topFolder a leading folder dropped from entry names (LibriSpeech's {@code "LibriSpeech"}),
   *     or null to keep names as they are
   * @return the number of regular files written
   * @throws UnsafeArchiveEntryException naming the first entry refused
   * @throws IOException when the archive is not a readable tar.gz or a file cannot be written
   */
  public static long unpack(Path archive, Path target, String topFolder) throws IOException {
    Path root = target.toAbsolutePath().normalize();
    long files = 0;
    try (InputStream in = Files.newInputStream(archive);
        GzipCompressorInputStream gzip = GzipCompressorInputStream.builder()
            .setInputStream(new BufferedInputStream(in, 1 << 16))
            .setDecompressConcatenated(true)
            .get();
        TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        String name = entry.getName();
        Path destination = destination(root, name, topFolder);
        if (entry.isSymbolicLink() || entry.isLink()) {
          Path linkTarget = destination == null ? root : destination.getParent().resolve(entry.getLinkName()).normalize();
          throw new UnsafeArchiveEntryException(name, "is a " + (entry.isSymbolicLink() ? "symbolic" : "hard")
              + " link to '" + entry.getLinkName() + "'"
              + (linkTarget.startsWith(root) ? "" : ", which points outside " + root)
              + "; links are refused (LibriSpeech archives have none)");
        }
        if (destination == null) {
          continue; // the top folder itself
        }
        if (entry.isDirectory()) {
          Files.createDirectories(destination);
        } else if (entry.isFile()) {
          Files.createDirectories(destination.getParent());
          Files.copy(tar, destination, StandardCopyOption.REPLACE_EXISTING);
          // The archive's times, so a re-download leaves feature caches keyed on mtime valid.
          Files.setLastModifiedTime(destination, FileTime.from(entry.getLastModifiedDate().toInstant()));
          files++;
        } else {
          throw new UnsafeArchiveEntryException(name, "is neither a file nor a directory; refused");
        }
      }
    }
    return files;
  }

  /**
   * Where an entry goes under {@code root}, or null for the top folder itself.
   *
   * @throws UnsafeArchiveEntryException when it would land outside {@code root}
   */
  static Path destination(Path root, String name, String topFolder) throws UnsafeArchiveEntryException {
    String relative = name.replace('\\', '/');
    if (relative.startsWith("/") || relative.matches("^[A-Za-z]:.*")) {
      throw new UnsafeArchiveEntryException(name, "has an absolute path; refused");
    }
    while (relative.startsWith("./")) {
      relative = relative.substring(2);
    }
    if (topFolder != null) {
      if (relative.equals(topFolder) || relative.equals(topFolder + "/")) {
        return null;
      }
      if (relative.startsWith(topFolder + "/")) {
        relative = relative.substring(topFolder.length() + 1);
      }
    }
    if (relative.isEmpty() || relative.equals(".")) {
      return null;
    }
    Path destination;
    try {
      destination = root.resolve(relative).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw new UnsafeArchiveEntryException(name, "is not a valid path here: " + e.getMessage());
    }
    if (destination.equals(root)) {
      return null;
    }
    if (!destination.startsWith(root)) {
      throw new UnsafeArchiveEntryException(name, "would be written outside " + root + "; refused");
    }
    return destination;
  }
}
