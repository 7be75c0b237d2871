package io.github.voicegender.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checksums files, proxy rules, mirror lists, entry paths and progress lines. */
class DownloadPartsTest {

  @TempDir Path temp;

  @Test
  void parsesMd5sumFilesAsOpenSlrPublishesThem() {
    Checksums checksums = Checksums.parse("""
        # private mirror
        42E2234BA48799C1F50F24A7926300A1  dev-clean.tar.gz
        c8d0bcc9cca99d4f8b62fcc847357931 *./dev-other.tar.gz

        """, "test");

    assertEquals("42e2234ba48799c1f50f24a7926300a1", checksums.md5("dev-clean.tar.gz").orElseThrow());
    assertEquals("c8d0bcc9cca99d4f8b62fcc847357931", checksums.md5("dev-other.tar.gz").orElseThrow());
    assertTrue(checksums.md5("test-clean.tar.gz").isEmpty());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Checksums.parse("42e2234b  dev-clean.tar.gz", "md5sum.txt"));
    assertEquals("md5sum.txt line 1 is not '<md5>  <file name>': '42e2234b  dev-clean.tar.gz'", e.getMessage());
  }

  @Test
  void builtInChecksumsAreOpenSlrs() {
    assertEquals("2a93770f6d5c6c964bc36631d331a522",
        Checksums.LIBRISPEECH.md5("train-clean-100.tar.gz").orElseThrow());
    assertEquals(7, Checksums.LIBRISPEECH.files().size());
  }

  @Test
  void proxyIsBypassedForNonProxyHostsOnly() {
    ProxySettings proxy = new ProxySettings("proxy.example.com", 3128, "bob", "pw",
        ProxySettings.parseNonProxyHosts("localhost|*.internal.example.com, 10.0.*"));

    assertTrue(proxy.bypasses("LOCALHOST"));
    assertTrue(proxy.bypasses("mirror.internal.example.com"));
    assertTrue(proxy.bypasses("10.0.3.4"));
    assertFalse(proxy.bypasses("www.openslr.org"));
    assertFalse(proxy.bypasses("internal.example.com.evil.org"));
    assertEquals(java.net.Proxy.NO_PROXY, proxy.selector().select(java.net.URI.create("http://localhost/x")).get(0));
    assertEquals(java.net.Proxy.Type.HTTP,
        proxy.selector().select(java.net.URI.create("https://www.openslr.org/x")).get(0).type());
    assertFalse(proxy.toString().contains("pw"), "password in " + proxy);
  }

  @Test
  void mirrorListsAreCommaSeparatedHttpUrls() {
    assertEquals(List.of(java.net.URI.create("https://a.example/r12"), java.net.URI.create("http://b.example/x")),
        DownloadOptions.parseMirrors(" https://a.example/r12/, http://b.example/x "));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DownloadOptions.parseMirrors("ftp://a.example/r12"));
    assertEquals("'ftp://a.example/r12' is not an http:// or https:// URL", e.getMessage());
  }

  @Test
  void entryPathsMapTheTopFolderAndStayInside() throws Exception {
    Path root = temp.resolve("staging");
    assertEquals(root.resolve("dev-clean/1/2/a.flac"),
        TarGzUnpacker.destination(root, "LibriSpeech/dev-clean/1/2/a.flac", "LibriSpeech"));
    assertEquals(root.resolve("SPEAKERS.TXT"), TarGzUnpacker.destination(root, "./LibriSpeech/SPEAKERS.TXT", "LibriSpeech"));
    assertEquals(null, TarGzUnpacker.destination(root, "LibriSpeech/", "LibriSpeech"));
    for (String bad : List.of("../evil", "LibriSpeech/../../evil", "/etc/passwd", "LibriSpeech/dev-clean/../../../x")) {
      UnsafeArchiveEntryException e = assertThrows(UnsafeArchiveEntryException.class,
          () -> TarGzUnpacker.destination(root, bad, "LibriSpeech"), bad);
      assertEquals(bad, e.entryName());
      assertTrue(e.getMessage().startsWith("Archive entry '" + bad + "' "), e.getMessage());
    }
  }

  @Test
  void symbolicLinksAreRefusedNamingTheEntry() throws Exception {
    Path archive = temp.resolve("links.tar.gz");
    Files.write(archive, TestArchives.withSymlink("dev-clean", "LibriSpeech/dev-clean/escape", "/etc"));
    Path target = Files.createDirectories(temp.resolve("out"));

    UnsafeArchiveEntryException e = assertThrows(UnsafeArchiveEntryException.class,
        () -> TarGzUnpacker.unpack(archive, target, "LibriSpeech"));

    assertEquals("Archive entry 'LibriSpeech/dev-clean/escape' is a symbolic link to '/etc', which points outside "
        + target.toAbsolutePath() + "; links are refused (LibriSpeech archives have none)", e.getMessage());
    assertFalse(Files.exists(target.resolve("dev-clean/escape"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void unpacksFilesWithTheirContent() throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>(TestArchives.entries("dev-clean", 1));
    Path archive = temp.resolve("dev-clean.tar.gz");
    Files.write(archive, TestArchives.tarGz(entries));
    Path target = Files.createDirectories(temp.resolve("out"));

    assertEquals(6, TarGzUnpacker.unpack(archive, target, "LibriSpeech"));
    assertEquals(TestArchives.SPEAKERS, Files.readString(target.resolve("SPEAKERS.TXT")));
    assertEquals(20_000, Files.size(target.resolve("dev-clean/19/198/19-198-0000.flac")));
  }

  @Test
  void progressLineSaysBytesPercentRateAndEta() {
    assertEquals("500.0 MB of 1.0 GB (50.0%), 10.0 MB/s, ETA 50 s",
        Progress.line(400_000_000L, 100_000_000L, 1_000_000_000L, 10_000_000_000L));
    assertEquals("6.3 GB", Progress.bytes(6_300_000_000L));
    assertEquals("1h 01m", Progress.duration(Duration.ofSeconds(3700)));
    assertEquals("2m 05s", Progress.duration(Duration.ofSeconds(125)));
  }
}
