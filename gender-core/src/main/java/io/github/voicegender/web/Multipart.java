package io.github.voicegender.web;

import io.github.voicegender.web.GenderWebServer.HttpError;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds one file in a {@code multipart/form-data} body (RFC 7578) that is already in memory and
 * within the upload limit. Only what an upload form sends is supported: no nested multiparts, no
 * transfer encodings.
 */
final class Multipart {

  private static final Pattern BOUNDARY =
      Pattern.compile("(?i)boundary=(?:\"([^\"]{1,200})\"|([^;\\s]{1,200}))");
  private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name=\"([^\"]*)\"");
  private static final Pattern FILE_NAME = Pattern.compile("(?i)(?:^|;)\\s*filename=\"([^\"]*)\"");
  private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};
  private static final int MAX_FILE_NAME = 120;

  private Multipart() {}

  static boolean isMultipart(String contentType) {
    return contentType != null
        && contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
  }

  /**
   * The part named {@code field}; failing that, the first part that carries a file name.
   *
   * @throws HttpError 400 when the body is not well-formed or holds no file
   */
  static Upload extractFile(byte[] body, String contentType, String field) {
    Matcher m = BOUNDARY.matcher(contentType);
    if (!m.find()) {
      throw new HttpError(400, "multipart/form-data without a boundary in its Content-Type.");
    }
    String boundaryText = m.group(1) != null ? m.group(1) : m.group(2);
    byte[] delimiter = ("--" + boundaryText).getBytes(StandardCharsets.ISO_8859_1);
    byte[] innerDelimiter = ("\r\n--" + boundaryText).getBytes(StandardCharsets.ISO_8859_1);

    int at = indexOf(body, delimiter, 0);
    if (at < 0) {
      throw malformed("its boundary never occurs");
    }
    Upload fallback = null;
    int pos = at + delimiter.length;
    while (true) {
      if (pos + 2 <= body.length && body[pos] == '-' && body[pos + 1] == '-') {
        break; // the closing delimiter
      }
      int headersStart = skipLineEnd(body, pos);
      int headersEnd = indexOf(body, CRLF_CRLF, headersStart);
      if (headersEnd < 0) {
        throw malformed("a part's headers do not end");
      }
      String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
      int contentStart = headersEnd + CRLF_CRLF.length;
      int contentEnd = indexOf(body, innerDelimiter, contentStart);
      if (contentEnd < 0) {
        throw malformed("a part does not end (truncated upload?)");
      }
      String disposition = header(headers, "content-disposition");
      String name = group(NAME, disposition);
      String fileName = group(FILE_NAME, disposition);
      if (field.equals(name) || (fallback == null && fileName != null)) {
        Upload upload = new Upload(Arrays.copyOfRange(body, contentStart, contentEnd), cleanFileName(fileName));
        if (field.equals(name)) {
          return upload;
        }
        fallback = upload;
      }
      pos = contentEnd + innerDelimiter.length;
    }
    if (fallback != null) {
      return fallback;
    }
    throw new HttpError(400, "The multipart/form-data upload has no field '" + field + "' and no file.");
  }

  private static HttpError malformed(String why) {
    return new HttpError(400, "Malformed multipart/form-data upload: " + why + ".");
  }

  private static int skipLineEnd(byte[] body, int pos) {
    if (pos < body.length && body[pos] == '\r') {
      pos++;
    }
    if (pos < body.length && body[pos] == '\n') {
      pos++;
    }
    return pos;
  }

  private static String header(String headers, String name) {
    for (String line : headers.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).strip();
      }
    }
    return "";
  }

  private static String group(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  /** The last path element, printable characters only, bounded: a name for messages, never a path. */
  static String cleanFileName(String fileName) {
    if (fileName == null) {
      return null;
    }
    String base = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
    StringBuilder clean = new StringBuilder();
    base.codePoints()
        .filter(c -> !Character.isISOControl(c) && c != '\'' && c != '"')
        .limit(MAX_FILE_NAME)
        .forEach(clean::appendCodePoint);
    String result = clean.toString().strip();
    return result.isEmpty() ? null : result;
  }

  static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
      if (data[i] != pattern[0]) {
        continue;
      }
      for (int j = 1; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
