package io.github.voicegender.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.voicegender.dataset.Dataset;
import io.github.voicegender.dataset.DatasetReader;
import io.github.voicegender.download.LibriSpeechDownloader;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal as Maven configures it, against a mirror on 127.0.0.1 serving a tiny LibriSpeech archive. */
@MojoTest
class DownloadMojoTest {

  private static final String POM = "src/test/resources/unit/download/pom.xml";

  @TempDir Path temp;
  private final List<String> infos = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger requests = new AtomicInteger();
  private HttpServer server;
  private byte[] archive;

  @BeforeEach
  void startMirror() throws Exception {
    archive = archive();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      exchange.sendResponseHeaders(200, archive.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(archive);
      }
    });
    server.start();
  }

  @AfterEach
  void stopMirror() {
    server.stop(0);
  }

  private static byte[] archive() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      put(tar, "LibriSpeech/SPEAKERS.TXT", "19 | F | dev-clean | 25.19 | Kara\n26 | M | dev-clean | 25.08 | Denny\n");
      put(tar, "LibriSpeech/dev-clean/19/198/19-198-0000.flac", "not really flac");
      put(tar, "LibriSpeech/dev-clean/26/495/26-495-0000.flac", "not really flac either");
    }
    return bytes.toByteArray();
  }

  private static void put(TarArchiveOutputStream tar, String name, String content) throws Exception {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(data.length);
    tar.putArchiveEntry(entry);
    tar.write(data);
    tar.closeArchiveEntry();
  }

  private void prepare(DownloadMojo mojo, String md5) throws Exception {
    Path checksums = temp.resolve("md5sum.txt");
    Files.writeString(checksums, md5 + "  dev-clean.tar.gz\n");
    mojo.datasetDir = temp.resolve("LibriSpeech").toString();
    mojo.downloadUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/resources/12";
    mojo.checksums = checksums.toString();
    mojo.setLog(new SystemStreamLog() {
      @Override
      public void info(CharSequence content) {
        infos.add(content.toString());
      }
    });
  }

  @Test
  @InjectMojo(goal = "download", pom = POM)
  void downloadsIntoTheDatasetDirectoryWhereTheReaderFindsIt(DownloadMojo mojo) throws Exception {
    prepare(mojo, HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(archive)));

    mojo.execute();

    Path root = temp.resolve("LibriSpeech");
    Dataset dataset = DatasetReader.read(List.of(root), List.of("dev-clean"));
    assertEquals(2, dataset.utterances().size());
    assertTrue(Files.isRegularFile(LibriSpeechDownloader.marker(root, "dev-clean")));
    assertTrue(infos.get(0).startsWith("Downloading [dev-clean] into " + root + " (from the plugin configuration"),
        infos.toString());
    assertTrue(infos.get(infos.size() - 1).startsWith("Dataset " + root + ": 1 subsets downloaded, 0 already there."),
        infos.toString());

    mojo.execute();
    assertEquals(1, requests.get(), "the second run downloaded again");
    assertTrue(infos.get(infos.size() - 1).contains(": 0 subsets downloaded, 1 already there."), infos.toString());
  }

  @Test
  @InjectMojo(goal = "download", pom = POM)
  void wrongChecksumFailsTheBuildNamingTheSubset(DownloadMojo mojo) throws Exception {
    prepare(mojo, "0123456789abcdef0123456789abcdef");

    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

    assertTrue(e.getMessage().startsWith("dev-clean: download failed: checksum mismatch for dev-clean.tar.gz"),
        e.getMessage());
    assertFalse(Files.exists(temp.resolve("LibriSpeech/dev-clean")));
  }

  @Test
  @InjectMojo(goal = "download", pom = POM)
  void skipFlagDoesNothing(DownloadMojo mojo) throws Exception {
    prepare(mojo, "0123456789abcdef0123456789abcdef");
    mojo.skip = true;

    mojo.execute();

    assertEquals(0, requests.get());
    assertEquals(List.of("Skipping download (gender.skip=true)."), infos);
  }

  @Test
  @InjectMojo(goal = "download", pom = POM)
  void activeProxyOfTheSettingsIsUsedWithItsCredentialsAndExceptions(DownloadMojo mojo) throws Exception {
    prepare(mojo, "0123456789abcdef0123456789abcdef");
    org.apache.maven.settings.Settings settings = new org.apache.maven.settings.Settings();
    org.apache.maven.settings.Proxy inactive = new org.apache.maven.settings.Proxy();
    inactive.setId("off");
    inactive.setActive(false);
    inactive.setHost("unused.example.com");
    org.apache.maven.settings.Proxy proxy = new org.apache.maven.settings.Proxy();
    proxy.setId("corporate");
    proxy.setHost("proxy.example.com");
    proxy.setPort(3128);
    proxy.setUsername("alice");
    proxy.setPassword("s3cret");
    proxy.setNonProxyHosts("localhost|*.example.org");
    settings.addProxy(inactive);
    settings.addProxy(proxy);

    io.github.voicegender.download.ProxySettings result = mojo.proxy(settings);

    assertEquals(new io.github.voicegender.download.ProxySettings("proxy.example.com", 3128, "alice", "s3cret",
        List.of("localhost", "*.example.org")), result);
    assertTrue(result.bypasses("mirror.example.org"));
    assertEquals(null, mojo.proxy(new org.apache.maven.settings.Settings()));
    assertTrue(infos.contains("Through proxy proxy.example.com:3128 as alice, not for localhost|*.example.org"),
        infos.toString());
  }
}
