package io.github.voicegender.download;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MD5 checksums of archives by file name, as in an {@code md5sum.txt}: one {@code <md5>  <file>}
 * line per archive. {@link #LIBRISPEECH} holds the ones OpenSLR publishes for resource 12.
 */
public final class Checksums {

  /** OpenSLR's md5sum.txt for https://www.openslr.org/resources/12 (the subsets gender:download knows). */
  public static final Checksums LIBRISPEECH = new Checksums(Map.of(
      "dev-clean.tar.gz", "42e2234ba48799c1f50f24a7926300a1",
      "dev-other.tar.gz", "c8d0bcc9cca99d4f8b62fcc847357931",
      "test-clean.tar.gz", "32fa31d27d2e1cad72775fee3f4849a9",
      "test-other.tar.gz", "fb5a50374b501bb3bac4815ee91d3135",
      "train-clean-100.tar.gz", "2a93770f6d5c6c964bc36631d331a522",
      "train-clean-360.tar.gz", "c0e676e450a7ff2f54aeade5171606fa",
      "train-other-500.tar.gz", "d1a0fd59409feb2c614ce4d30c387708"), "the built-in LibriSpeech checksums");

  /** {@code <32 hex digits> <spaces> [*]<file>}; the {@code *} is md5sum's binary-mode mark. */
  private static final Pattern LINE = Pattern.compile("([0-9a-fA-F]{32})\\s+\\*?(.+)");

  private final Map<String, String> md5ByFile;
  private final String source;

  Checksums(Map<String, String> md5ByFile, String source) {
    this.md5ByFile = Map.copyOf(md5ByFile);
    this.source = source;
  }

  /**
   * Parses {@code md5sum.txt} text. Blank lines and {@code #} comments are ignored; a path before
   * the file name ({@code ./dev-clean.tar.gz}) is dropped.
   *
   * @param source where the text came from, for messages
   * @throws IllegalArgumentException naming the first line that is not {@code <md5>  <file>}
   */
  public static Checksums parse(String text, String source) {
    Map<String, String> md5ByFile = new LinkedHashMap<>();
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher matcher = LINE.matcher(line);
      if (!matcher.matches()) {
        throw new IllegalArgumentException(source + " line " + (i + 1) + " is not '<md5>  <file name>': '"
            + line + "'");
      }
      String file = matcher.group(2).strip();
      file = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
      md5ByFile.put(file, matcher.group(1).toLowerCase(Locale.ROOT));
    }
    if (md5ByFile.isEmpty()) {
      throw new IllegalArgumentException(source + " lists no checksum ('<md5>  <file name>' lines)");
    }
    return new Checksums(md5ByFile, source);
  }

  /** The MD5 (lower-case hex) of an archive, by file name such as {@code dev-clean.tar.gz}. */
  public Optional<String> md5(String fileName) {
    return Optional.ofNullable(md5ByFile.get(fileName));
  }

  /** The file names that have a checksum here. */
  public java.util.Set<String> files() {
    return new java.util.TreeSet<>(md5ByFile.keySet());
  }

  /** Where these came from, for messages. */
  public String source() {
    return source;
  }
}
