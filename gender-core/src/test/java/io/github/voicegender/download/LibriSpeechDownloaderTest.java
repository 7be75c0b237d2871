package io.github.voicegender.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.RecordingLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a server on 127.0.0.1 that serves an archive built here, with faults on demand. */
@Timeout(60)
class LibriSpeechDownloaderTest {

  private static final String SUBSET = "dev-clean";

  @TempDir Path temp;
  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
  private final RecordingLog log = new RecordingLog();
  private final List<String> infos = log.infos;
  private final List<String> warnings = log.warnings;
  private LoopbackServer server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private Path root() {
    return temp.resolve("LibriSpeech");
  }

  private Path checksumsFor(byte[] archive, String subset) throws Exception {
    Path file = temp.resolve("md5sum.txt");
    Files.writeString(file, TestArchives.md5(archive) + "  " + subset + ".tar.gz\n", StandardCharsets.UTF_8);
    return file;
  }

  private DownloadOptions options(Path checksums) {
    return DownloadOptions.defaults()
        .withMirrors(List.of(server.base()))
        .withChecksums(checksums.toString())
        .withRetries(3, Duration.ofMillis(10), Duration.ofMillis(40))
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2))
        .withProgressInterval(Duration.ZERO);
  }

  private LibriSpeechDownloader downloader(DownloadOptions options) {
    return new LibriSpeechDownloader(root(), options, log, sleeps::add);
  }

  private void assertInstalled(Map<String, byte[]> entries) throws IOException {
    for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
      Path path = root().resolve(entry.getKey().substring("LibriSpeech/".length()));
      if (entry.getValue() == null) {
        assertTrue(Files.isDirectory(path), "missing directory " + path);
      } else {
        assertArrayEquals(entry.getValue(), Files.readAllBytes(path), "content of " + path);
      }
    }
  }

  /** No subset directory, no marker, no staging directory: nothing a later run would take for complete. */
  private void assertNothingLooksComplete(String subset) throws IOException {
    assertFalse(Files.exists(root().resolve(subset)), "subset directory left behind");
    assertFalse(Files.exists(LibriSpeechDownloader.marker(root(), subset)), "marker left behind");
    try (Stream<Path> files = Files.list(root())) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".download-")), "staging left behind");
    }
  }

  @Test
  void downloadsVerifiesUnpacksThenSkipsWithoutAskingTheServerAgain() throws Exception {
    Map<String, byte[]> entries = TestArchives.entries(SUBSET, 1);
    byte[] archive = TestArchives.tarGz(entries);
    server = new LoopbackServer((exchange, i) -> LoopbackServer.serve(exchange, archive, true));
    DownloadOptions options = options(checksumsFor(archive, SUBSET));

    SubsetDownload result = downloader(options).download(SUBSET);

    assertEquals(SubsetDownload.Status.DOWNLOADED, result.status());
    assertEquals(TestArchives.md5(archive), result.md5());
    assertEquals(6, result.files()); // 3 flac, 1 transcript, SPEAKERS.TXT, README.TXT
    assertEquals(root().resolve(SUBSET), result.directory());
    assertInstalled(entries);
    assertEquals(TestArchives.md5(archive) + "  dev-clean.tar.gz",
        Files.readString(LibriSpeechDownloader.marker(root(), SUBSET)).strip());
    try (Stream<Path> state = Files.list(root().resolve(LibriSpeechDownloader.STATE_DIR))) {
      assertTrue(state.noneMatch(p -> p.getFileName().toString().contains(".tar.gz")), "archive not deleted");
    }
    assertEquals(1, server.requests.size());
    assertEquals("/resources/12/dev-clean.tar.gz", server.requests.get(0).uri().getPath());
    assertNull(server.requests.get(0).range());
    assertTrue(infos.stream().anyMatch(l -> l.matches("dev-clean: .* of .* \\(\\d+\\.\\d%\\), .*/s, ETA .*"))
        || infos.stream().anyMatch(l -> l.startsWith("dev-clean: " + Progress.bytes(archive.length) + " complete")),
        infos.toString());

    SubsetDownload again = downloader(options).download(SUBSET);

    assertEquals(SubsetDownload.Status.ALREADY_VERIFIED, again.status());
    assertEquals(TestArchives.md5(archive), again.md5());
    assertEquals(1, server.requests.size(), "the second run asked the server");
  }

  @Test
  void resumesWithARangeRequestAfterTheConnectionIsCut() throws Exception {
    Map<String, byte[]> entries = TestArchives.entries(SUBSET, 2);
    byte[] archive = TestArchives.tarGz(entries);
    int cutAt = archive.length / 2;
    server = new LoopbackServer((exchange, i) -> {
      if (i == 0) {
        LoopbackServer.cut(exchange, archive, cutAt);
      } else {
        LoopbackServer.serve(exchange, archive, true);
      }
    });

    SubsetDownload result = downloader(options(checksumsFor(archive, SUBSET))).download(SUBSET);

    assertEquals(SubsetDownload.Status.DOWNLOADED, result.status());
    assertEquals(2, server.requests.size());
    assertNull(server.requests.get(0).range());
    String range = server.requests.get(1).range();
    assertNotNull(range, "the retry did not resume");
    long from = Long.parseLong(range.replaceAll("bytes=(\\d+)-", "$1"));
    assertTrue(from > 0 && from <= cutAt, range);
    assertEquals(List.of(Duration.ofMillis(10)), sleeps);
    assertInstalled(entries);
  }

  @Test
  void resumesAPartLeftByAnEarlierRunAndVerifiesTheWhole() throws Exception {
    Map<String, byte[]> entries = TestArchives.entries(SUBSET, 3);
    byte[] archive = TestArchives.tarGz(entries);
    Path part = root().resolve(LibriSpeechDownloader.STATE_DIR).resolve("dev-clean.tar.gz.part");
    Files.createDirectories(part.getParent());
    Files.write(part, Arrays.copyOf(archive, 1000));
    server = new LoopbackServer((exchange, i) -> LoopbackServer.serve(exchange, archive, true));

    SubsetDownload result = downloader(options(checksumsFor(archive, SUBSET))).download(SUBSET);

    assertEquals(TestArchives.md5(archive), result.md5());
    assertEquals(1, server.requests.size());
    assertEquals("bytes=1000-", server.requests.get(0).range());
    assertTrue(infos.contains("dev-clean: resuming " + server.base() + "/dev-clean.tar.gz at 1.0 kB"), infos.toString());
    assertInstalled(entries);
    assertFalse(Files.exists(part));
  }

  @Test
  void wrongChecksumNamesSubsetExpectedAndActualAndLeavesNothingComplete() throws Exception {
    byte[] archive = TestArchives.tarGz(TestArchives.entries(SUBSET, 4));
    server = new LoopbackServer((exchange, i) -> LoopbackServer.serve(exchange, archive, true));
    String wrong = "0123456789abcdef0123456789abcdef";
    Path checksums = temp.resolve("md5sum.txt");
    Files.writeString(checksums, wrong + "  dev-clean.tar.gz\n");

    DownloadException e = assertThrows(DownloadException.class,
        () -> downloader(options(checksums)).download(SUBSET));

    assertEquals(SUBSET, e.subset());
    assertTrue(e.getMessage().startsWith("dev-clean: download failed: checksum mismatch for dev-clean.tar.gz"),
        e.getMessage());
    assertTrue(e.getMessage().contains("expected md5 " + wrong), e.getMessage());
    assertTrue(e.getMessage().contains("got " + TestArchives.md5(archive)), e.getMessage());
    assertTrue(e.getMessage().contains("gender.checksums"), e.getMessage());
    assertNothingLooksComplete(SUBSET);
    assertFalse(Files.exists(root().resolve("SPEAKERS.TXT")), "unverified SPEAKERS.TXT installed");
    try (Stream<Path> state = Files.list(root().resolve(LibriSpeechDownloader.STATE_DIR))) {
      assertTrue(state.noneMatch(p -> p.getFileName().toString().contains(".tar.gz")), "bad download kept");
    }
  }

  @Test
  void serverErrorIsRetriedWithGrowingBackoffThenFailsWithTheStatus() throws Exception {
    byte[] archive = TestArchives.tarGz(TestArchives.entries(SUBSET, 5));
    server = new LoopbackServer((exchange, i) -> LoopbackServer.status(exchange, 500));

    DownloadException e = assertThrows(DownloadException.class,
        () -> downloader(options(checksumsFor(archive, SUBSET))).download(SUBSET));

    assertEquals(4, server.requests.size(), "1 try + 3 retries");
    assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40)), sleeps);
    assertTrue(e.getMessage().startsWith("dev-clean: download failed: HTTP 500 from " + server.base()
        + "/dev-clean.tar.gz, after 3 retries."), e.getMessage());
    assertNothingLooksComplete(SUBSET);
  }

  @Test
  void serverThatRecoversAfterTwoFailuresSucceeds() throws Exception {
    Map<String, byte[]> entries = TestArchives.entries(SUBSET, 6);
    byte[] archive = TestArchives.tarGz(entries);
    server = new LoopbackServer((exchange, i) -> {
      if (i < 2) {
        exchange.getResponseHeaders().set("Retry-After", "0");
        LoopbackServer.status(exchange, i == 0 ? 503 : 429);
      } else {
        LoopbackServer.serve(exchange, archive, true);
      }
    });

    SubsetDownload result = downloader(options(checksumsFor(archive, SUBSET))).download(SUBSET);

    assertEquals(SubsetDownload.Status.DOWNLOADED, result.status());
    assertEquals(3, server.requests.size());
    assertEquals(2, sleeps.size());
    assertInstalled(entries);
  }

  @Test
  void connectionCutOnAServerWithoutRangeSupportStartsAgainFromTheStart() throws Exception {
    Map<String, byte[]> entries = TestArchives.entries(SUBSET, 7);
    byte[] archive = TestArchives.tarGz(entries);
    server = new LoopbackServer((exchange, i) -> {
      if (i == 0) {
        LoopbackServer.cut(exchange, archive, archive.length / 2);
      } else {
        LoopbackServer.serve(exchange, archive, false); // ignores Range: 200 with everything
      }
    });

    SubsetDownload result = downloader(options(checksumsFor(archive, SUBSET))).download(SUBSET);

    assertEquals(TestArchives.md5(archive), result.md5());
    assertEquals(2, server.requests.size());
    assertNotNull(server.requests.get(1).range(), "it should have asked to resume");
    assertTrue(infos.contains("dev-clean: the server ignored the resume request; downloading from the start"),
        infos.toString());
    assertInstalled(entries);
  }

  @Test
  void connectionCutEveryTimeFailsAfterTheRetriesAndKeepsThePartForLater() throws Exception {
    byte[] archive = TestArchives.tarGz(TestArchives.entries(SUBSET, 8));
    int cutAt = archive.length / 3;
    server = new LoopbackServer((exchange, i) -> LoopbackServer.cut(exchange, archive, cutAt));

    DownloadException e = assertThrows(DownloadException.class,
        () -> downloader(options(checksumsFor(archive, SUBSET))).download(SUBSET));

    // 1 try + 3 retries that got no further than the first; had they got further, the count would start again.
    assertEquals(4, server.requests.size(), server.requests.toString());
    assertTrue(e.getMessage().startsWith("dev-clean: download failed: "), e.getMessage());
    assertTrue(e.getMessage().contains("after 3 retries"), e.getMessage());
    Path part = root().resolve(LibriSpeechDownloader.STATE_DIR).resolve("dev-clean.tar.gz.part");
    assertTrue(e.getMessage().contains("kept in " + part + " and the next run resumes from there"), e.getMessage());
    assertTrue(Files.size(part) > 0 && Files.size(part) <= cutAt);
    assertArrayEquals(Arrays.copyOf(archive, (int) Files.size(part)), Files.readAllBytes(part));
    assertNothingLooksComplete(SUBSET);
  }

  @Test
  void entryEscapingTheDatasetDirectoryIsRefusedAndNothingIsWrittenOutside() throws Exception {
    Map<String, byte[]> entries = TestArchives.entries(SUBSET, 9);
    entries.put("../evil", "pwned".getBytes(StandardCharsets.UTF_8));
    entries.put("LibriSpeech/" + SUBSET + "/26/495/26-495-0001.flac", new byte[100]);
    byte[] archive = TestArchives.tarGz(entries);
    server = new LoopbackServer((exchange, i) -> LoopbackServer.serve(exchange, archive, true));

    DownloadException e = assertThrows(DownloadException.class,
        () -> downloader(options(checksumsFor(archive, SUBSET))).download(SUBSET));

    assertEquals(SUBSET, e.subset());
    assertTrue(e.getMessage().startsWith("dev-clean: Archive entry '../evil' would be written outside "),
        e.getMessage());
    assertFalse(Files.exists(root().resolve("evil")));
    assertFalse(Files.exists(temp.resolve("evil")));
    assertNothingLooksComplete(SUBSET);
    assertFalse(Files.exists(root().resolve("SPEAKERS.TXT")));
    try (Stream<Path> state = Files.list(root().resolve(LibriSpeechDownloader.STATE_DIR))) {
      assertTrue(state.noneMatch(p -> p.getFileName().toString().contains(".tar.gz")), "bad archive kept");
    }
  }

  @Test
  void triesTheNextMirrorWhenOneHasNotGotTheArchive() throws Exception {
    Map<String, byte[]> entries = TestArchives.entries(SUBSET, 10);
    byte[] archive = TestArchives.tarGz(entries);
    server = new LoopbackServer((exchange, i) -> {
      if (exchange.getRequestURI().getPath().startsWith("/empty/")) {
        LoopbackServer.status(exchange, 404);
      } else {
        LoopbackServer.serve(exchange, archive, true);
      }
    });
    String base = "http://127.0.0.1:" + server.port();
    DownloadOptions options = options(checksumsFor(archive, SUBSET))
        .withMirrors(DownloadOptions.parseMirrors(base + "/empty/ , " + base + "/resources/12/"));

    downloader(options).download(SUBSET);

    assertEquals(List.of("/empty/dev-clean.tar.gz", "/resources/12/dev-clean.tar.gz"),
        server.requests.stream().map(r -> r.uri().getPath()).toList());
    assertTrue(sleeps.isEmpty(), "a 404 is not retried");
    assertTrue(warnings.stream().anyMatch(w -> w.contains("HTTP 404 from " + base + "/empty/dev-clean.tar.gz")
        && w.endsWith("trying the next mirror")), warnings.toString());
    assertInstalled(entries);
  }

  @Test
  void secondSubsetKeepsTheSpeakersFileAndAddsItsDirectory() throws Exception {
    byte[] dev = TestArchives.tarGz(TestArchives.entries("dev-clean", 11));
    Map<String, byte[]> testEntries = TestArchives.entries("test-clean", 12);
    testEntries.put("LibriSpeech/SPEAKERS.TXT", "different\n".getBytes(StandardCharsets.UTF_8));
    byte[] test = TestArchives.tarGz(testEntries);
    server = new LoopbackServer((exchange, i) -> LoopbackServer.serve(exchange,
        exchange.getRequestURI().getPath().endsWith("dev-clean.tar.gz") ? dev : test, true));
    Path checksums = temp.resolve("md5sum.txt");
    Files.writeString(checksums, TestArchives.md5(dev) + "  dev-clean.tar.gz\n"
        + TestArchives.md5(test) + " *./test-clean.tar.gz\n");

    List<SubsetDownload> results = downloader(options(checksums)).download(List.of("dev-clean", "test-clean"));

    assertEquals(List.of("dev-clean", "test-clean"), results.stream().map(SubsetDownload::subset).toList());
    assertEquals(TestArchives.SPEAKERS, Files.readString(root().resolve("SPEAKERS.TXT")));
    assertTrue(Files.isRegularFile(root().resolve("test-clean/26/495/26-495-0000.flac")));
    assertTrue(Files.isRegularFile(LibriSpeechDownloader.marker(root(), "test-clean")));
    assertTrue(warnings.stream().anyMatch(w -> w.startsWith("test-clean: kept the existing ")
        && w.contains("SPEAKERS.TXT")), warnings.toString());
  }

  @Test
  void subsetWithoutAKnownChecksumFailsBeforeAnyRequest() throws Exception {
    server = new LoopbackServer((exchange, i) -> LoopbackServer.status(exchange, 500));
    DownloadOptions options = options(temp.resolve("unused")).withChecksums(null);

    DownloadException e = assertThrows(DownloadException.class,
        () -> downloader(options).download("train-clean-50"));

    assertEquals("train-clean-50", e.subset());
    assertTrue(e.getMessage().startsWith("train-clean-50: no MD5 known for train-clean-50.tar.gz in the built-in "
        + "LibriSpeech checksums (it has dev-clean.tar.gz, dev-other.tar.gz,"), e.getMessage());
    assertTrue(e.getMessage().contains("gender.checksums"), e.getMessage());
    assertTrue(server.requests.isEmpty());
  }

  @Test
  void subsetDirectoryPutThereByHandIsLeftAlone() throws Exception {
    server = new LoopbackServer((exchange, i) -> LoopbackServer.status(exchange, 500));
    Files.createDirectories(root().resolve(SUBSET));

    SubsetDownload result = downloader(options(temp.resolve("unused"))).download(SUBSET);

    assertEquals(SubsetDownload.Status.ALREADY_PRESENT, result.status());
    assertTrue(server.requests.isEmpty());
    assertTrue(infos.get(0).contains("not verified"), infos.toString());
  }

  @Test
  void stalledTransferIsAbandonedAndResumed() throws Exception {
    Map<String, byte[]> entries = TestArchives.entries(SUBSET, 13);
    byte[] archive = TestArchives.tarGz(entries);
    server = new LoopbackServer((exchange, i) -> {
      if (i == 0) {
        exchange.sendResponseHeaders(200, archive.length);
        exchange.getResponseBody().write(archive, 0, 5000);
        exchange.getResponseBody().flush();
        try {
          Thread.sleep(5000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new IOException("stalled on purpose");
      }
      LoopbackServer.serve(exchange, archive, true);
    });
    DownloadOptions options = options(checksumsFor(archive, SUBSET))
        .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(500));

    downloader(options).download(SUBSET);

    assertEquals("bytes=5000-", server.requests.get(1).range());
    assertTrue(warnings.stream().anyMatch(w -> w.startsWith("dev-clean: no data for 500 ms from ")), warnings.toString());
    assertInstalled(entries);
  }

  @Test
  void checksumsAreReadFromAUrl() throws Exception {
    Map<String, byte[]> entries = TestArchives.entries(SUBSET, 14);
    byte[] archive = TestArchives.tarGz(entries);
    byte[] md5sum = (TestArchives.md5(archive) + "  dev-clean.tar.gz\n").getBytes(StandardCharsets.UTF_8);
    server = new LoopbackServer((exchange, i) -> LoopbackServer.serve(exchange,
        exchange.getRequestURI().getPath().endsWith("md5sum.txt") ? md5sum : archive, true));
    DownloadOptions options = options(temp).withChecksums(server.base() + "/md5sum.txt");

    SubsetDownload result = downloader(options).download(SUBSET);

    assertEquals(TestArchives.md5(archive), result.md5());
    assertEquals(List.of("/resources/12/md5sum.txt", "/resources/12/dev-clean.tar.gz"),
        server.requests.stream().map(r -> r.uri().getPath()).toList());
  }

  @Test
  void aTransferThatKeepsGettingFurtherIsNotLimitedByTheRetryCount() throws Exception {
    Map<String, byte[]> entries = TestArchives.entries(SUBSET, 15);
    byte[] archive = TestArchives.tarGz(entries);
    int step = archive.length / 5 + 1;
    server = new LoopbackServer((exchange, i) -> {
      String range = exchange.getRequestHeaders().getFirst("Range");
      int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
      int to = Math.min(archive.length, from + step);
      if (to == archive.length) {
        LoopbackServer.serve(exchange, archive, true);
        return;
      }
      // 206 announcing the rest, then the line drops after one step.
      exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (archive.length - 1) + "/" + archive.length);
      exchange.sendResponseHeaders(from == 0 ? 200 : 206, archive.length - from);
      exchange.getResponseBody().write(archive, from, to - from);
      exchange.getResponseBody().flush();
      exchange.close();
    });
    DownloadOptions options = options(checksumsFor(archive, SUBSET)).withRetries(1, Duration.ofMillis(1), Duration.ofMillis(1));

    SubsetDownload result = downloader(options).download(SUBSET);

    assertEquals(TestArchives.md5(archive), result.md5());
    assertTrue(server.requests.size() >= 5, server.requests.toString());
    assertInstalled(entries);
  }

  @Test
  void goesThroughTheProxyWithItsCredentials() throws Exception {
    Map<String, byte[]> entries = TestArchives.entries(SUBSET, 16);
    byte[] archive = TestArchives.tarGz(entries);
    String expected = "Basic " + java.util.Base64.getEncoder()
        .encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
    server = new LoopbackServer((exchange, i) -> {
      if (!expected.equals(exchange.getRequestHeaders().getFirst("Proxy-Authorization"))) {
        exchange.getResponseHeaders().set("Proxy-Authenticate", "Basic realm=\"test proxy\"");
        LoopbackServer.status(exchange, 407);
        return;
      }
      LoopbackServer.serve(exchange, archive, true);
    });
    // Nothing listens on port 1: only the proxy can answer for this mirror.
    DownloadOptions options = options(checksumsFor(archive, SUBSET))
        .withMirrors(DownloadOptions.parseMirrors("http://127.0.0.1:1/resources/12"))
        .withProxy(new ProxySettings("127.0.0.1", server.port(), "alice", "s3cret", List.of("*.example.org")));

    downloader(options).download(SUBSET);

    LoopbackServer.Request last = server.requests.get(server.requests.size() - 1);
    assertEquals("http://127.0.0.1:1/resources/12/dev-clean.tar.gz", last.uri().toString());
    assertEquals(expected, last.proxyAuthorization());
    assertInstalled(entries);
  }

  @Test
  void nonProxyHostsAreReachedDirectly() throws Exception {
    byte[] archive = TestArchives.tarGz(TestArchives.entries(SUBSET, 17));
    server = new LoopbackServer((exchange, i) -> LoopbackServer.serve(exchange, archive, true));
    // The proxy on port 1 does not exist: a request through it would fail.
    DownloadOptions options = options(checksumsFor(archive, SUBSET))
        .withProxy(new ProxySettings("127.0.0.1", 1, null, null, ProxySettings.parseNonProxyHosts("localhost|127.0.0.*")));

    downloader(options).download(SUBSET);

    assertEquals("/resources/12/dev-clean.tar.gz", server.requests.get(0).uri().toString());
  }

  @Test
  void aPartThatIsAlreadyCompleteIsVerifiedWithoutDownloadingAgain() throws Exception {
    Map<String, byte[]> entries = TestArchives.entries(SUBSET, 18);
    byte[] archive = TestArchives.tarGz(entries);
    Path part = root().resolve(LibriSpeechDownloader.STATE_DIR).resolve("dev-clean.tar.gz.part");
    Files.createDirectories(part.getParent());
    Files.write(part, archive);
    server = new LoopbackServer((exchange, i) -> LoopbackServer.serve(exchange, archive, true)); // 416 for it

    SubsetDownload result = downloader(options(checksumsFor(archive, SUBSET))).download(SUBSET);

    assertEquals(TestArchives.md5(archive), result.md5());
    assertEquals("bytes=" + archive.length + "-", server.requests.get(0).range());
    assertEquals(1, server.requests.size());
    assertInstalled(entries);
  }

  @Test
  void aSlowTransferLongerThanTheConnectTimeoutCompletesAndReportsProgress() throws Exception {
    Map<String, byte[]> entries = TestArchives.entries(SUBSET, 19);
    byte[] archive = TestArchives.tarGz(entries);
    server = new LoopbackServer((exchange, i) -> {
      exchange.sendResponseHeaders(200, archive.length);
      int step = archive.length / 8 + 1;
      for (int from = 0; from < archive.length; from += step) {
        exchange.getResponseBody().write(archive, from, Math.min(step, archive.length - from));
        exchange.getResponseBody().flush();
        try {
          Thread.sleep(250);
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
      }
      exchange.getResponseBody().close();
    });
    DownloadOptions options = options(checksumsFor(archive, SUBSET))
        .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(1));

    downloader(options).download(SUBSET);

    assertEquals(1, server.requests.size());
    assertTrue(infos.stream().anyMatch(l -> l.matches("dev-clean: \\d+\\.\\d kB of \\d+\\.\\d kB \\(\\d+\\.\\d%\\), "
        + "\\d+\\.\\d kB/s, ETA .*")), infos.toString());
    assertInstalled(entries);
  }
}
