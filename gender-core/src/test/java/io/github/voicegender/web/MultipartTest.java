package io.github.voicegender.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.voicegender.web.GenderWebServer.HttpError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MultipartTest {

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void findsTheFileFieldAmongOthersKeepingItsBytesExactly() {
    byte[] data = {0, '\r', '\n', '-', '-', 'x', (byte) 0xff, '\r', '\n'};
    byte[] body = GenderWebServerTest.multipart("B0undary", "file", "a.wav", data);

    Upload upload = Multipart.extractFile(body, "multipart/form-data; boundary=B0undary", "file");

    assertArrayEquals(data, upload.data());
    assertEquals("a.wav", upload.fileName());
  }

  @Test
  void quotedBoundaryAndPreambleAreUnderstood() {
    byte[] body = bytes("preamble\r\n--a b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nRIFF\r\n--a b--\r\n");

    Upload upload = Multipart.extractFile(body, "multipart/form-data; charset=utf-8; boundary=\"a b\"", "file");

    assertArrayEquals(bytes("RIFF"), upload.data());
    assertNull(upload.fileName());
  }

  @Test
  void noFileIsA400SayingSo() {
    byte[] body = bytes("--b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n--b--\r\n");

    HttpError e = assertThrows(HttpError.class,
        () -> Multipart.extractFile(body, "multipart/form-data; boundary=b", "file"));
    assertEquals(400, e.status);
    assertEquals("The multipart/form-data upload has no field 'file' and no file.", e.getMessage());
  }

  @Test
  void missingBoundaryIsA400() {
    HttpError e = assertThrows(HttpError.class,
        () -> Multipart.extractFile(bytes("x"), "multipart/form-data", "file"));
    assertEquals("multipart/form-data without a boundary in its Content-Type.", e.getMessage());
  }

  @Test
  void fileNamesAreReducedToPrintableLastElements() {
    assertEquals("passwd", Multipart.cleanFileName("../../etc/passwd"));
    assertEquals("evil.wav", Multipart.cleanFileName("C:\\Users\\x\\evil.wav"));
    assertEquals("ab.wav", Multipart.cleanFileName("a\u0000\nb.wav"));
    assertNull(Multipart.cleanFileName("dir/"));
    assertEquals(120, Multipart.cleanFileName("x".repeat(500)).length());
  }
}
