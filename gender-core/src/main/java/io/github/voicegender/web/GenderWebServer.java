package io.github.voicegender.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.voicegender.audio.AudioClip;
import io.github.voicegender.audio.AudioDecoder;
import io.github.voicegender.audio.AudioDecodingException;
import io.github.voicegender.prediction.ClipClassifier;
import io.github.voicegender.prediction.ClipPrediction;
import io.github.voicegender.prediction.Segment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The web page and JSON API over a {@link ClipClassifier}, on the JDK's built-in HTTP server.
 *
 * <ul>
 *   <li>{@code POST /api/predict}: the audio as the raw body or as the multipart field {@code
 *       file}; answers {@code {label, probability, durationSeconds, segments, ...}}.
 *   <li>{@code GET /api/health}: {@code {status: "ok", ...}} plus the caller's info (model,
 *       version).
 *   <li>{@code GET /api/openapi.json}: the API described in OpenAPI 3.
 *   <li>{@code GET /api/examples} and {@code GET /examples/<id>.wav}: the example clips.
 *   <li>{@code GET /}: the page.
 * </ul>
 *
 * <p>Safe by default: it binds to the loopback address, refuses uploads over the size limit (413)
 * before buffering more than the limit, decodes uploads in memory (nothing is written to disk),
 * and admits only as many uploads as its worker pool can hold; the rest get 503 with {@code
 * Retry-After}. Every error is a JSON {@code {error, status}} naming the reason.
 */
public final class GenderWebServer implements AutoCloseable {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final long DEFAULT_MAX_UPLOAD_BYTES = 25L * 1024 * 1024;
  /** Longest audio one upload may decode to; FLAC codes silence in a few bytes, so size alone is no guard. */
  public static final Duration DEFAULT_MAX_AUDIO_DURATION = Duration.ofMinutes(30);
  public static final int DEFAULT_QUEUE_CAPACITY = 4;
  /** Most of a refused upload's body read (and discarded) so that its client gets the answer. */
  private static final long MAX_DRAIN_BYTES = 32L * 1024 * 1024;
  static final int RETRY_AFTER_SECONDS = 2;

  private static final Logger LOG = Logger.getLogger(GenderWebServer.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RESOURCES = "/io/github/voicegender/web/";
  /** The page, its assets and the API description: the only files served, by fixed name. */
  private static final Map<String, StaticFile> STATIC_FILES = Map.of(
      "/", new StaticFile("index.html", "text/html; charset=utf-8"),
      "/index.html", new StaticFile("index.html", "text/html; charset=utf-8"),
      "/app.css", new StaticFile("app.css", "text/css; charset=utf-8"),
      "/app.js", new StaticFile("app.js", "text/javascript; charset=utf-8"),
      "/recorder-worklet.js", new StaticFile("recorder-worklet.js", "text/javascript; charset=utf-8"),
      "/favicon.svg", new StaticFile("favicon.svg", "image/svg+xml"),
      "/api/openapi.json", new StaticFile("openapi.json", "application/json; charset=utf-8"));
  private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
      + "style-src 'self'; img-src 'self' data:; media-src 'self' blob:; connect-src 'self'; "
      + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  static {
    // Without TCP_NODELAY the JDK server's separate writes of headers and body meet the client's
    // delayed ACK: about 40 ms added to every answer (48 ms against 3 ms for a 10 s clip here). The
    // JDK reads the property once, when its first server starts; a value set by the user wins.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final ClipClassifier classifier;
  private final AudioDecoder decoder;
  private final long maxUploadBytes;
  private final Map<String, Object> info;
  private final List<ExampleClip> examples;
  private final HttpServer server;
  private final ExecutorService httpThreads;
  private final ExecutorService workers;
  /** Uploads being read, waiting or classified: at most the worker threads plus the queue. */
  private final Semaphore admission;
  private final int workerThreads;
  private final int queueCapacity;

  private GenderWebServer(Builder b) throws IOException {
    this.classifier = b.classifier;
    this.decoder = new AudioDecoder(b.maxAudioDuration);
    this.maxUploadBytes = b.maxUploadBytes;
    this.info = Collections.unmodifiableMap(new LinkedHashMap<>(b.info));
    this.examples = List.copyOf(b.examples);
    this.workerThreads = b.workerThreads;
    this.queueCapacity = b.queueCapacity;
    this.admission = new Semaphore(workerThreads + queueCapacity);
    this.workers = new ThreadPoolExecutor(workerThreads, workerThreads, 0, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), daemonThreads("gender-classify"));
    // Connection threads beyond the admitted uploads serve the page and answer 503s promptly.
    int http = workerThreads + queueCapacity + 4;
    this.httpThreads = new ThreadPoolExecutor(http, http, 0, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), daemonThreads("gender-http"));
    try {
      this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(b.host), b.port), 64);
    } catch (IOException e) {
      workers.shutdownNow();
      httpThreads.shutdownNow();
      String where = "Cannot listen on " + b.host + ":" + b.port;
      throw e instanceof java.net.UnknownHostException
          ? new IOException(where + ": unknown host or address " + b.host + ".", e)
          : new IOException(where + " (" + e.getMessage() + "): another program may be using "
              + "that port; choose another.", e);
    }
    server.setExecutor(httpThreads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A server for this classifier; configure it, then {@link Builder#start()}. */
  public static Builder builder(ClipClassifier classifier) {
    return new Builder(classifier);
  }

  /** The address the server listens on, with the actual port (never 0). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The actual port, useful when the server was asked for port 0 (any free port). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The page's URL, such as {@code http://127.0.0.1:8080/}. */
  public URI uri() {
    InetAddress address = server.getAddress().getAddress();
    String host = address.isAnyLocalAddress() ? "localhost" : address.getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + port() + "/");
  }

  /** Uploads admitted now: being read, waiting for a worker, or being classified. */
  int uploadsInFlight() {
    return workerThreads + queueCapacity - admission.availablePermits();
  }

  /** Stops listening at once, abandons classifications in progress, and frees the port. */
  public void stop() {
    server.stop(0);
    workers.shutdownNow();
    httpThreads.shutdownNow();
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
      httpThreads.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Headers headers = exchange.getResponseHeaders();
      headers.set("X-Content-Type-Options", "nosniff");
      headers.set("Referrer-Policy", "no-referrer");
      headers.set("Cache-Control", "no-cache");
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      try {
        route(exchange, path, method);
      } catch (HttpError e) {
        if (e.allow != null) {
          headers.set("Allow", e.allow);
        }
        sendError(exchange, e.status, e.getMessage());
      } catch (IOException e) {
        // The client went away or sent something unreadable; nothing useful to answer.
        LOG.log(Level.FINE, "Request " + method + " " + path + " failed", e);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Request " + method + " " + path + " failed", e);
        sendError(exchange, 500, "Internal error: " + e);
      }
    }
  }

  private void route(HttpExchange exchange, String path, String method) throws IOException {
    switch (path) {
      case "/api/predict" -> {
        allow(method, "POST");
        predict(exchange);
      }
      case "/api/health" -> {
        allow(method, "GET", "HEAD");
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", "ok");
        health.putAll(info);
        health.put("maxUploadBytes", maxUploadBytes);
        health.put("workers", workerThreads);
        health.put("queueCapacity", queueCapacity);
        sendJson(exchange, 200, health);
      }
      case "/api/examples" -> {
        allow(method, "GET", "HEAD");
        List<Map<String, Object>> list = new ArrayList<>();
        for (ExampleClip example : examples) {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("id", example.id());
          entry.put("title", example.title());
          entry.put("description", example.description());
          entry.put("durationSeconds", round(example.durationSeconds(), 3));
          entry.put("url", "/examples/" + example.id() + ".wav");
          list.add(entry);
        }
        sendJson(exchange, 200, Map.of("examples", list));
      }
      default -> {
        if (path.startsWith("/examples/") && path.endsWith(".wav")) {
          allow(method, "GET", "HEAD");
          String id = path.substring("/examples/".length(), path.length() - ".wav".length());
          ExampleClip example = examples.stream().filter(e -> e.id().equals(id)).findFirst()
              .orElseThrow(() -> new HttpError(404, "No example clip named " + id));
          send(exchange, 200, "audio/wav", example.wav());
          return;
        }
        StaticFile file = STATIC_FILES.get(path);
        if (file == null) {
          throw new HttpError(404, "Nothing at " + path + ". The API is POST /api/predict, "
              + "GET /api/health and GET /api/openapi.json; the page is at /.");
        }
        allow(method, "GET", "HEAD");
        if (file.contentType().startsWith("text/html")) {
          exchange.getResponseHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        }
        send(exchange, 200, file.contentType(), file.bytes());
      }
    }
  }

  private void predict(HttpExchange exchange) throws IOException {
    if (!admission.tryAcquire()) {
      exchange.getResponseHeaders().set("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
      throw new HttpError(503, "The server is busy classifying other clips (" + workerThreads
          + " at a time, " + queueCapacity + " waiting); try again in a few seconds.");
    }
    try {
      long started = System.nanoTime();
      byte[] body = readBody(exchange);
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      Upload upload = Multipart.isMultipart(contentType)
          ? Multipart.extractFile(body, contentType, "file")
          : new Upload(body, null);
      if (upload.data().length == 0) {
        throw new HttpError(400, "The upload is empty: send WAV or FLAC audio as the request body, "
            + "or as the multipart/form-data field 'file'.");
      }
      String source = upload.fileName() == null ? "upload" : "upload '" + upload.fileName() + "'";
      Future<Classified> future = workers.submit(() -> {
        AudioClip clip = decoder.decode(upload.data(), source);
        return new Classified(clip, classifier.classify(clip));
      });
      Classified result;
      try {
        result = future.get();
      } catch (InterruptedException e) {
        future.cancel(true);
        Thread.currentThread().interrupt();
        throw new HttpError(503, "The server is stopping.");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof AudioDecodingException decoding) {
          throw new HttpError(400, decoding.getMessage());
        }
        LOG.log(Level.WARNING, "Classifying " + source + " failed", cause);
        throw new HttpError(500, "Classification failed: " + cause);
      }
      sendJson(exchange, 200, toJson(result, upload.fileName(), started));
    } finally {
      admission.release();
    }
  }

  private static Map<String, Object> toJson(Classified result, String fileName, long started) {
    ClipPrediction prediction = result.prediction();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("label", prediction.label());
    json.put("probability", probability(prediction.probability()));
    json.put("durationSeconds", round(prediction.durationSeconds(), 3));
    List<Map<String, Object>> segments = new ArrayList<>();
    for (Segment segment : prediction.segments()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("start", round(segment.startSeconds(), 3));
      s.put("end", round(segment.endSeconds(), 3));
      s.put("label", segment.label());
      s.put("probability", probability(segment.probability()));
      segments.add(s);
    }
    json.put("segments", segments);
    json.put("sampleRate", result.clip().sampleRate());
    if (fileName != null) {
      json.put("fileName", fileName);
    }
    json.put("processingMillis", round((System.nanoTime() - started) / 1e6, 1));
    return json;
  }

  /** JSON has no NaN: an unknown answer's probability is null. */
  private static Double probability(double p) {
    return Double.isFinite(p) ? round(p, 4) : null;
  }

  private static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }

  /** Reads the body, refusing more than the limit without buffering it. */
  private byte[] readBody(HttpExchange exchange) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    long length = -1;
    if (declared != null) {
      try {
        length = Long.parseLong(declared.strip());
      } catch (NumberFormatException e) {
        throw new HttpError(400, "Bad Content-Length: " + declared);
      }
      if (length > maxUploadBytes) {
        throw tooLarge();
      }
    }
    InputStream in = exchange.getRequestBody();
    ByteArrayOutputStream out = new ByteArrayOutputStream(length >= 0 ? (int) length : 1 << 16);
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) != -1) {
      total += n;
      if (total > maxUploadBytes) {
        throw tooLarge();
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private HttpError tooLarge() {
    return new HttpError(413, "The upload is larger than the limit of " + describeBytes(maxUploadBytes)
        + ". Send a shorter clip, or compress it as FLAC.");
  }

  static String describeBytes(long bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MB";
    }
    if (bytes >= 1024 && bytes % 1024 == 0) {
      return bytes / 1024 + " KB";
    }
    return bytes + " bytes";
  }

  private static void allow(String method, String... allowed) {
    for (String a : allowed) {
      if (a.equals(method)) {
        return;
      }
    }
    HttpError error = new HttpError(405, "Method " + method + " is not allowed here; use "
        + String.join(" or ", allowed) + ".");
    error.allow = String.join(", ", allowed);
    throw error;
  }

  private static void sendError(HttpExchange exchange, int status, String message) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("error", message);
    json.put("status", status);
    if (status == 413 || status == 503) {
      // The client may resend on a new connection.
      exchange.getResponseHeaders().set("Connection", "close");
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      byte[] body = JSON.writeValueAsBytes(json);
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
        out.flush();
        // Most clients send the whole body before they read an answer. Closing the connection on
        // unread data resets it and the client gets an error instead of this answer: so, once it
        // is sent, read and discard (a bounded amount of) the rest of the body first.
        drain(exchange.getRequestBody(), MAX_DRAIN_BYTES);
      }
      return;
    }
    sendJson(exchange, status, json);
  }

  private static void drain(InputStream body, long maxBytes) {
    byte[] buffer = new byte[1 << 16];
    long left = maxBytes;
    try {
      int n;
      while (left > 0 && (n = body.read(buffer, 0, (int) Math.min(buffer.length, left))) != -1) {
        left -= n;
      }
    } catch (IOException e) {
      // The client went away: nobody is left to read the answer.
    }
  }

  private static void sendJson(HttpExchange exchange, int status, Object json) throws IOException {
    send(exchange, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(json));
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private record Classified(AudioClip clip, ClipPrediction prediction) {}

  private record StaticFile(String resource, String contentType) {
    byte[] bytes() {
      try (InputStream in = GenderWebServer.class.getResourceAsStream(RESOURCES + resource)) {
        if (in == null) {
          throw new IllegalStateException("Missing resource " + RESOURCES + resource);
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** An answer other than 200, with its reason for the client. */
  static final class HttpError extends RuntimeException {
    final int status;
    String allow;

    HttpError(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /** Settings of a server; every one has a safe default. */
  public static final class Builder {
    private final ClipClassifier classifier;
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private long maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES;
    private Duration maxAudioDuration = DEFAULT_MAX_AUDIO_DURATION;
    private int workerThreads = Runtime.getRuntime().availableProcessors();
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private Map<String, Object> info = Map.of();
    private List<ExampleClip> examples = List.of();

    private Builder(ClipClassifier classifier) {
      this.classifier = Objects.requireNonNull(classifier, "classifier");
    }

    /** Address to bind: default 127.0.0.1 (this machine only); {@code 0.0.0.0} for every interface. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** Port to listen on: default 8080; 0 picks a free one (see {@link #port()}). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** Largest upload accepted, in bytes; larger ones get 413. Default 25 MB. */
    public Builder maxUploadBytes(long maxUploadBytes) {
      if (maxUploadBytes <= 0 || maxUploadBytes > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("maxUploadBytes must be 1 to 2 GB, was " + maxUploadBytes);
      }
      this.maxUploadBytes = maxUploadBytes;
      return this;
    }

    /** Longest audio an upload may decode to. Default 30 minutes. */
    public Builder maxAudioDuration(Duration maxAudioDuration) {
      this.maxAudioDuration = Objects.requireNonNull(maxAudioDuration, "maxAudioDuration");
      return this;
    }

    /** Clips classified at once; default one per core. */
    public Builder workerThreads(int workerThreads) {
      if (workerThreads < 1) {
        throw new IllegalArgumentException("workerThreads must be at least 1, was " + workerThreads);
      }
      this.workerThreads = workerThreads;
      return this;
    }

    /** Uploads that may wait for a worker; beyond them requests get 503. Default 4. */
    public Builder queueCapacity(int queueCapacity) {
      if (queueCapacity < 0) {
        throw new IllegalArgumentException("queueCapacity must be 0 or more, was " + queueCapacity);
      }
      this.queueCapacity = queueCapacity;
      return this;
    }

    /** What {@code GET /api/health} reports beside {@code status}, such as model and version. */
    public Builder info(Map<String, ?> info) {
      this.info = new LinkedHashMap<>(info);
      return this;
    }

    /** Clips the page offers one click away. */
    public Builder examples(List<ExampleClip> examples) {
      this.examples = List.copyOf(examples);
      return this;
    }

    /**
     * Starts listening.
     *
     * @throws IOException if the address cannot be bound (such as a port in use)
     */
    public GenderWebServer start() throws IOException {
      if (maxAudioDuration.isNegative() || maxAudioDuration.isZero()) {
        throw new IllegalArgumentException("maxAudioDuration must be positive: " + maxAudioDuration);
      }
      return new GenderWebServer(this);
    }
  }
}
