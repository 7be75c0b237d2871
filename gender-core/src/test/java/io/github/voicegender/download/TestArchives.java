package io.github.voicegender.download;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Small LibriSpeech-layout archives, built in memory. */
final class TestArchives {

  static final String SPEAKERS = """
      ;ID  |SEX| SUBSET           |MINUTES| NAME
      19   | F | train-clean-100  | 25.19 | Kara Shallenberg
      26   | M | train-clean-100  | 25.08 | Denny Sayers
      """;

  private TestArchives() {}

  /** Entry name to content (null for a directory) of a LibriSpeech archive of {@code subset}. */
  static Map<String, byte[]> entries(String subset, long seed) {
    Random random = new Random(seed);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("LibriSpeech/", null);
    entries.put("LibriSpeech/SPEAKERS.TXT", SPEAKERS.getBytes(StandardCharsets.UTF_8));
    entries.put("LibriSpeech/README.TXT", "LibriSpeech ASR corpus (test copy)\n".getBytes(StandardCharsets.UTF_8));
    entries.put("LibriSpeech/" + subset + "/", null);
    entries.put("LibriSpeech/" + subset + "/19/", null);
    entries.put("LibriSpeech/" + subset + "/19/198/", null);
    entries.put("LibriSpeech/" + subset + "/19/198/19-198-0000.flac", randomBytes(random, 20_000));
    entries.put("LibriSpeech/" + subset + "/19/198/19-198-0001.flac", randomBytes(random, 15_000));
    entries.put("LibriSpeech/" + subset + "/19/198/19-198.trans.txt",
        "19-198-0000 NORTHANGER ABBEY\n19-198-0001 CHAPTER ONE\n".getBytes(StandardCharsets.UTF_8));
    entries.put("LibriSpeech/" + subset + "/26/495/26-495-0000.flac", randomBytes(random, 18_000));
    return entries;
  }

  static byte[] tarGz(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        TarArchiveEntry tarEntry = new TarArchiveEntry(entry.getKey(), true);
        if (entry.getValue() != null) {
          tarEntry.setSize(entry.getValue().length);
        }
        tar.putArchiveEntry(tarEntry);
        if (entry.getValue() != null) {
          tar.write(entry.getValue());
        }
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** A tar.gz with one symbolic link entry beside a normal subset. */
  static byte[] withSymlink(String subset, String linkName, String linkTarget) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      TarArchiveEntry link = new TarArchiveEntry(linkName, TarArchiveEntry.LF_SYMLINK);
      link.setLinkName(linkTarget);
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }

  static String md5(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
