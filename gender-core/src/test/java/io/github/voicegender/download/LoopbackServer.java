package io.github.voicegender.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An HTTP server on 127.0.0.1 (only) whose answer to the n-th request the test decides. */
final class LoopbackServer implements AutoCloseable {

  /** Answers one request; {@code index} counts from 0. */
  interface Responder {
    void respond(HttpExchange exchange, int index) throws IOException;
  }

  /** What the server saw. */
  record Request(String method, URI uri, String range, String proxyAuthorization) {}

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

  LoopbackServer(Responder responder) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      int index;
      synchronized (requests) {
        index = requests.size();
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI(),
            exchange.getRequestHeaders().getFirst("Range"),
            exchange.getRequestHeaders().getFirst("Proxy-Authorization")));
      }
      try {
        responder.respond(exchange, index);
      } catch (IOException e) {
        // a cut connection, on purpose
      } finally {
        exchange.close();
      }
    });
    server.start();
  }

  /** The base URL of the mirror, {@code http://127.0.0.1:<port>/resources/12}. */
  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/resources/12");
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** Serves {@code body}, honouring a {@code Range: bytes=N-} request when {@code ranges} is true. */
  static void serve(HttpExchange exchange, byte[] body, boolean ranges) throws IOException {
    String range = exchange.getRequestHeaders().getFirst("Range");
    Matcher matcher = range == null ? null : RANGE.matcher(range);
    if (ranges && matcher != null && matcher.matches()) {
      int from = Integer.parseInt(matcher.group(1));
      if (from >= body.length) {
        exchange.getResponseHeaders().set("Content-Range", "bytes */" + body.length);
        exchange.sendResponseHeaders(416, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
      exchange.sendResponseHeaders(206, body.length - from);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body, from, body.length - from);
      }
      return;
    }
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Announces all of {@code body} but sends only its first {@code bytes}, then drops the connection. */
  static void cut(HttpExchange exchange, byte[] body, int bytes) throws IOException {
    exchange.sendResponseHeaders(200, body.length);
    OutputStream out = exchange.getResponseBody();
    out.write(body, 0, bytes);
    out.flush();
    exchange.close(); // fewer bytes than announced: the server closes the connection
  }

  static void status(HttpExchange exchange, int status) throws IOException {
    exchange.sendResponseHeaders(status, -1);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
