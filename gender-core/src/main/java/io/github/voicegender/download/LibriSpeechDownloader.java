package io.github.voicegender.download;

import io.github.voicegender.PipelineLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Downloads LibriSpeech subsets into a dataset directory the way one would by hand, only safer.
 *
 * <p>For each subset: {@code <mirror>/<subset>.tar.gz} is downloaded into
 * {@code <datasetDir>/.voice-gender/<subset>.tar.gz.part} (resumed if a part is there, mirrors tried
 * in turn), its MD5 is checked against {@link Checksums}, and it is unpacked into a staging directory
 * {@code <datasetDir>/.download-<subset>.tmp} with the archive's top folder {@code LibriSpeech/}
 * mapped onto the staging directory. The top-level files ({@code SPEAKERS.TXT} and the like, the same
 * in every subset's archive) are moved into the dataset directory where it has none, then the subset
 * directory is moved into place in one rename, so {@code <datasetDir>/<subset>/} exists only once it
 * is complete. Last, a marker {@code <datasetDir>/.voice-gender/<subset>.complete} records the MD5
 * and the archive is deleted.
 *
 * <p>A subset whose directory is already there is skipped: as verified when its marker is there,
 * else as present but unverified (unpacked by hand, say); delete the directory to download it
 * again. A failed download keeps its {@code .part} file for the next run to resume; a download that
 * fails its checksum is deleted. An archive that verified but could not be unpacked (a full disk,
 * say) is kept as {@code .voice-gender/<subset>.tar.gz} and unpacked on the next run without
 * downloading it again, unless it holds an entry that would escape the dataset directory, which
 * makes it untrustworthy: it is deleted.
 */
public final class LibriSpeechDownloader {

  /** Hidden directory under the dataset directory for parts, verified archives and markers. */
  public static final String STATE_DIR = ".voice-gender";
  /** The folder every LibriSpeech archive puts everything under. */
  public static final String ARCHIVE_TOP_FOLDER = "LibriSpeech";

  private static final Pattern SUBSET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final Path datasetDir;
  private final DownloadOptions options;
  private final PipelineLog log;
  private final ArchiveFetcher.Sleeper sleeper;
  private HttpClient client;
  private Checksums checksums;

  public LibriSpeechDownloader(Path datasetDir, DownloadOptions options, PipelineLog log) {
    this(datasetDir, options, log, duration -> Thread.sleep(duration.toMillis()));
  }

  LibriSpeechDownloader(Path datasetDir, DownloadOptions options, PipelineLog log, ArchiveFetcher.Sleeper sleeper) {
    this.datasetDir = datasetDir.toAbsolutePath().normalize();
    this.options = options;
    this.log = log;
    this.sleeper = sleeper;
  }

  /** The marker that says {@code subset} was downloaded, verified and unpacked here. */
  public static Path marker(Path datasetDir, String subset) {
    return datasetDir.resolve(STATE_DIR).resolve(subset + ".complete");
  }

  /** The archive's file name on the mirrors, such as {@code dev-clean.tar.gz}. */
  public static String archiveName(String subset) {
    return subset + ".tar.gz";
  }

  /**
   * Downloads every subset that is not there yet. A subset that fails does not stop the others.
   *
   * @throws DownloadException after trying them all, naming each subset that failed and why
   */
  public List<SubsetDownload> download(List<String> subsets) throws DownloadException, InterruptedException {
    List<SubsetDownload> done = new ArrayList<>();
    List<DownloadException> failures = new ArrayList<>();
    for (String subset : subsets) {
      try {
        done.add(download(subset));
      } catch (DownloadException e) {
        if (subsets.size() > 1) {
          log.warn(e.getMessage()); // now, not only at the end of a long run
        }
        failures.add(e);
      }
    }
    if (failures.size() == 1) {
      throw failures.get(0);
    }
    if (!failures.isEmpty()) {
      DownloadException all = new DownloadException(null, failures.size() + " subsets failed: "
          + String.join(" | ", failures.stream().map(Throwable::getMessage).toList()), failures.get(0));
      failures.stream().skip(1).forEach(all::addSuppressed);
      throw all;
    }
    return done;
  }

  /** Downloads, verifies and unpacks one subset, unless it is there already. */
  public SubsetDownload download(String subset) throws DownloadException, InterruptedException {
    if (subset == null || !SUBSET_NAME.matcher(subset).matches()) {
      throw new DownloadException(subset, "'" + subset + "' is not a subset name (like dev-clean or "
          + "train-clean-100): check gender.subsets.");
    }
    Path subsetDir = datasetDir.resolve(subset);
    Path marker = marker(datasetDir, subset);
    if (Files.isDirectory(subsetDir)) {
      return alreadyThere(subset, subsetDir, marker);
    }
    String expected = expectedMd5(subset);
    Path stateDir = datasetDir.resolve(STATE_DIR);
    try {
      Files.createDirectories(stateDir);
    } catch (IOException e) {
      throw new DownloadException(subset, subset + ": cannot create " + stateDir + ": " + e.getMessage()
          + ". Check that gender.datasetDir is writable.", e);
    }
    try (FileChannel lockFile = FileChannel.open(stateDir.resolve(subset + ".lock"),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = tryLock(lockFile, subset)) {
      if (Files.isDirectory(subsetDir)) { // another run finished it while this one waited
        return alreadyThere(subset, subsetDir, marker);
      }
      Path archive = stateDir.resolve(archiveName(subset));
      obtainVerifiedArchive(subset, expected, archive);
      long files = install(subset, archive, subsetDir);
      writeMarker(marker, expected, subset);
      Files.deleteIfExists(archive);
      log.info(subset + ": " + files + " files unpacked into " + datasetDir + " (md5 " + expected + " verified)");
      return new SubsetDownload(subset, subsetDir, SubsetDownload.Status.DOWNLOADED, expected, files);
    } catch (IOException e) {
      throw new DownloadException(subset, subset + ": " + e.getMessage(), e);
    }
  }

  private SubsetDownload alreadyThere(String subset, Path subsetDir, Path marker) {
    if (Files.isRegularFile(marker)) {
      log.info(subset + ": already downloaded and verified in " + subsetDir + ", skipped.");
      return new SubsetDownload(subset, subsetDir, SubsetDownload.Status.ALREADY_VERIFIED, readMarker(marker), 0);
    }
    log.info(subset + ": " + subsetDir + " is already there (not put there by gender:download, so not "
        + "verified), skipped. Delete it to download the subset again.");
    return new SubsetDownload(subset, subsetDir, SubsetDownload.Status.ALREADY_PRESENT, null, 0);
  }

  private static String readMarker(Path marker) {
    try {
      String text = Files.readString(marker, StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? null : text.split("\\s+")[0];
    } catch (IOException e) {
      return null;
    }
  }

  private static FileLock tryLock(FileChannel channel, String subset) throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      throw new IOException("another download of " + subset + " into this dataset directory is running; "
          + "wait for it to finish");
    }
    return lock;
  }

  private String expectedMd5(String subset) throws DownloadException {
    Checksums known = checksums(subset);
    return known.md5(archiveName(subset)).orElseThrow(() -> new DownloadException(subset,
        subset + ": no MD5 known for " + archiveName(subset) + " in " + known.source() + " (it has "
            + String.join(", ", known.files()) + "), so a download could not be verified. Check the subset "
            + "name, or give gender.checksums=<file or URL in md5sum.txt format> that lists it."));
  }

  /** The checksums to verify against, read once (and only when something is to be downloaded). */
  private Checksums checksums(String subset) throws DownloadException {
    if (checksums != null) {
      return checksums;
    }
    String source = options.checksums();
    if (source == null || source.isBlank()) {
      checksums = Checksums.LIBRISPEECH;
      return checksums;
    }
    String text;
    try {
      if (source.matches("(?i)https?://.*")) {
        HttpResponse<String> response = httpClient().send(
            HttpRequest.newBuilder(URI.create(source.strip())).timeout(options.connectTimeout()).GET().build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
          throw new DownloadException(subset, "Cannot read gender.checksums " + source + ": HTTP "
              + response.statusCode() + ". Check the URL, or give a local md5sum.txt file.");
        }
        text = response.body();
      } else {
        Path file = source.matches("(?i)file:.*") ? Path.of(URI.create(source.strip())) : Path.of(source.strip());
        text = Files.readString(file.toAbsolutePath(), StandardCharsets.UTF_8);
      }
      checksums = Checksums.parse(text, "gender.checksums " + source);
      return checksums;
    } catch (IOException | IllegalArgumentException e) {
      throw new DownloadException(subset, "Cannot read gender.checksums " + source + ": " + e
          + ". Give an md5sum.txt-format file or URL ('<md5>  <file name>' lines).", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DownloadException(subset, "Interrupted while reading gender.checksums " + source, e);
    }
  }

  private synchronized HttpClient httpClient() {
    if (client == null) {
      HttpClient.Builder builder = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(options.connectTimeout());
      if (options.proxy() != null) {
        builder.proxy(options.proxy().selector());
        options.proxy().authenticator().ifPresent(builder::authenticator);
      }
      client = builder.build();
    }
    return client;
  }

  /**
   * Leaves a verified archive at {@code archive}: one a failed unpack left there (checked again), or
   * a fresh download from the first mirror that delivers one matching {@code expected}.
   */
  private void obtainVerifiedArchive(String subset, String expected, Path archive)
      throws DownloadException, IOException, InterruptedException {
    if (Files.isRegularFile(archive)) {
      String actual = md5Of(archive);
      if (actual.equals(expected)) {
        log.info(subset + ": unpacking " + archive + ", verified by an earlier run");
        return;
      }
      Files.delete(archive);
    }
    Path part = archive.resolveSibling(archive.getFileName() + ".part");
    ArchiveFetcher fetcher = new ArchiveFetcher(httpClient(), options, log, sleeper);
    List<String> failures = new ArrayList<>();
    for (URI mirror : options.mirrors()) {
      URI url = URI.create(mirror + "/" + archiveName(subset));
      String actual;
      try {
        actual = fetcher.fetch(subset, url, part);
      } catch (ArchiveFetcher.MirrorFailure e) {
        failures.add(e.getMessage());
        if (options.mirrors().size() > 1) {
          log.warn(subset + ": " + e.getMessage() + "; trying the next mirror");
        }
        continue;
      }
      if (actual.equals(expected)) {
        Files.move(part, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return;
      }
      // A complete file that does not match will not match on resume either: start afresh next time.
      Files.deleteIfExists(part);
      String mismatch = "checksum mismatch for " + archiveName(subset) + " from " + url + ": expected md5 "
          + expected + " (" + checksums(subset).source() + "), got " + actual;
      failures.add(mismatch);
      log.warn(subset + ": " + mismatch + "; the download was deleted");
    }
    boolean kept = Files.isRegularFile(part) && Files.size(part) > 0;
    throw new DownloadException(subset, subset + ": download failed: " + String.join("; ", failures) + ". "
        + (kept ? "The " + Progress.bytes(Files.size(part)) + " received are kept in " + part
            + " and the next run resumes from there. " : "Nothing was kept; the next run starts afresh. ")
        + (failures.stream().anyMatch(f -> f.startsWith("checksum mismatch"))
            ? "If the mirror serves other archives on purpose, give their md5sum.txt with gender.checksums; "
              + "otherwise try again or another mirror (gender.downloadUrl)."
            : "Check the network, the proxy in settings.xml and gender.downloadUrl, then run again."));
  }

  /**
   * Unpacks into a staging directory, then moves the top-level files (where none are there yet) and
   * last the subset directory into place.
   */
  private long install(String subset, Path archive, Path subsetDir) throws DownloadException, IOException {
    Path staging = datasetDir.resolve(".download-" + subset + ".tmp");
    deleteRecursively(staging);
    Files.createDirectories(staging);
    try {
      long files;
      try {
        log.info(subset + ": unpacking " + archive.getFileName() + " into " + datasetDir);
        files = TarGzUnpacker.unpack(archive, staging, ARCHIVE_TOP_FOLDER);
      } catch (UnsafeArchiveEntryException e) {
        Files.deleteIfExists(archive);
        throw new DownloadException(subset, subset + ": " + e.getMessage() + ". Nothing of " + subset
            + " was installed and the archive was deleted; the archive is not to be trusted, so check "
            + "gender.downloadUrl and gender.checksums.", e);
      } catch (IOException e) {
        throw new DownloadException(subset, subset + ": cannot unpack " + archive + ": " + e.getMessage()
            + ". Nothing of " + subset + " was installed; the verified archive is kept and the next run "
            + "unpacks it again (free some disk space first if it is full).", e);
      }
      Path unpacked = staging.resolve(subset);
      if (!Files.isDirectory(unpacked)) {
        throw new DownloadException(subset, subset + ": " + archive.getFileName() + " has no "
            + ARCHIVE_TOP_FOLDER + "/" + subset + "/ directory (it has " + listing(staging) + "). "
            + "Check gender.subsets and gender.downloadUrl.");
      }
      installTopLevelFiles(subset, staging);
      try {
        Files.move(unpacked, subsetDir, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        throw new DownloadException(subset, subset + ": " + subsetDir + " appeared while unpacking; "
            + "left as it is.", e);
      } catch (AtomicMoveNotSupportedException e) {
        throw new DownloadException(subset, subset + ": cannot rename " + unpacked + " to " + subsetDir
            + " in one step: " + e.getMessage(), e);
      }
      return files;
    } finally {
      deleteRecursively(staging);
    }
  }

  /** SPEAKERS.TXT and the rest are the same in every archive: keep a good one, add a missing one. */
  private void installTopLevelFiles(String subset, Path staging) throws IOException {
    List<Path> topLevel;
    try (Stream<Path> entries = Files.list(staging)) {
      topLevel = entries.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : topLevel) {
      Path target = datasetDir.resolve(file.getFileName().toString());
      if (!Files.exists(target)) {
        // A rename: a reader sees no SPEAKERS.TXT or a whole one, never half of one.
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
      } else if (Files.mismatch(file, target) != -1) {
        log.warn(subset + ": kept the existing " + target + "; the one in " + archiveName(subset) + " differs");
      }
    }
  }

  private void writeMarker(Path marker, String md5, String subset) throws IOException {
    Path temporary = marker.resolveSibling(marker.getFileName() + ".tmp");
    Files.writeString(temporary, md5 + "  " + archiveName(subset) + "\n", StandardCharsets.UTF_8);
    Files.move(temporary, marker, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static String md5Of(Path file) throws IOException {
    MessageDigest digest = ArchiveFetcher.PartState.md5();
    byte[] buffer = new byte[1 << 16];
    try (var in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String listing(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      List<String> names = entries.map(p -> p.getFileName() + (Files.isDirectory(p) ? "/" : "")).sorted().toList();
      return names.isEmpty() ? "nothing" : String.join(", ", names);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
