package io.github.voicegender.download;

import java.nio.file.Path;

/**
 * What {@link LibriSpeechDownloader} did for one subset.
 *
 * @param subset the subset name, such as {@code dev-clean}
 * @param directory where the subset is now, {@code <datasetDir>/<subset>}
 * @param status what was done
 * @param md5 the verified MD5 of the archive, or null when nothing was downloaded
 * @param files regular files unpacked (0 when nothing was downloaded)
 */
public record SubsetDownload(String subset, Path directory, Status status, String md5, long files) {

  public enum Status {
    /** Downloaded, verified and unpacked in this run. */
    DOWNLOADED,
    /** Already there, downloaded and verified by an earlier run (its marker file is present). */
    ALREADY_VERIFIED,
    /** Already there, put in place by something else: left alone, not verified. */
    ALREADY_PRESENT
  }
}
