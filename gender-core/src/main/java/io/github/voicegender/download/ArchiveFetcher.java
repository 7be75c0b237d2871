package io.github.voicegender.download;

import io.github.voicegender.PipelineLog;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one URL into a {@code .part} file: resumes what is already there with an HTTP Range
 * request (and starts again when the server answers 200 instead of 206), retries transient failures
 * with exponential backoff, abandons a transfer that stalls, logs progress, and computes the MD5 of
 * the complete file as it streams (a {@code .part} left by an earlier run is read from disk once).
 */
final class ArchiveFetcher {

  /** How often the waiting thread looks at the transfer (progress, stall). */
  private static final long POLL_MILLIS = 100;
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
  private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)");

  /** Waits between retries; tests pass one that records instead of sleeping. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** This mirror cannot deliver the file (retries spent, or an answer that retrying will not change). */
  static final class MirrorFailure extends Exception {
    MirrorFailure(String message) {
      super(message);
    }
  }

  /** One attempt failed in a way worth retrying. */
  private static final class TransientFailure extends Exception {
    final Duration retryAfter;

    TransientFailure(String message, Duration retryAfter) {
      super(message);
      this.retryAfter = retryAfter;
    }
  }

  private final HttpClient client;
  private final DownloadOptions options;
  private final PipelineLog log;
  private final Sleeper sleeper;

  ArchiveFetcher(HttpClient client, DownloadOptions options, PipelineLog log, Sleeper sleeper) {
    this.client = client;
    this.options = options;
    this.log = log;
    this.sleeper = sleeper;
  }

  /**
   * Downloads {@code url} into {@code part}, continuing what is there.
   *
   * @return the MD5 of the complete file, lower-case hex
   * @throws MirrorFailure when this URL cannot deliver it; {@code part} keeps what arrived
   */
  String fetch(String label, URI url, Path part) throws MirrorFailure, IOException, InterruptedException {
    PartState state = PartState.read(part);
    if (state.length > 0) {
      log.info(label + ": resuming " + url + " at " + Progress.bytes(state.length));
    } else {
      log.info(label + ": downloading " + url);
    }
    long furthest = state.length;
    int failures = 0;
    while (true) {
      try {
        attempt(label, url, part, state);
        return HexFormat.of().formatHex(state.digest.digest());
      } catch (TransientFailure failure) {
        if (state.length > furthest) {
          furthest = state.length;
          failures = 0; // it got further than ever: a flaky line, not a dead server
        }
        failures++;
        if (failures > options.retries()) {
          throw new MirrorFailure(failure.getMessage() + ", after " + options.retries() + " retries");
        }
        Duration wait = backoff(failures, failure.retryAfter);
        log.warn(label + ": " + failure.getMessage() + "; retry " + failures + " of " + options.retries()
            + " in " + Progress.duration(wait));
        sleeper.sleep(wait);
      }
    }
  }

  private Duration backoff(int retry, Duration retryAfter) {
    long initial = options.initialBackoff().toMillis();
    long max = options.maxBackoff().toMillis();
    long millis = initial << Math.min(retry - 1, 30);
    if (millis < 0 || millis > max) {
      millis = max;
    }
    if (retryAfter != null) {
      millis = Math.max(millis, Math.min(retryAfter.toMillis(), max));
    }
    return Duration.ofMillis(millis);
  }

  private void attempt(String label, URI url, Path part, PartState state)
      throws TransientFailure, MirrorFailure, IOException, InterruptedException {
    state.syncWith(part);
    long offset = state.length;
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(options.connectTimeout()).GET();
    if (offset > 0) {
      request.header("Range", "bytes=" + offset + "-");
    }
    PartWriter writer = new PartWriter(label, url, part, state, offset);
    CompletableFuture<HttpResponse<Void>> response;
    try {
      response = client.sendAsync(request.build(), writer::subscriberFor);
    } catch (IllegalArgumentException e) {
      throw new MirrorFailure("cannot request " + url + ": " + e.getMessage());
    }

    long started = System.nanoTime();
    long lastChange = started;
    long lastLog = started;
    long lastReceived = 0;
    HttpResponse<Void> answer;
    while (true) {
      try {
        answer = response.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
        break;
      } catch (TimeoutException e) {
        long now = System.nanoTime();
        long received = writer.received.get();
        if (received != lastReceived) {
          lastReceived = received;
          lastChange = now;
        } else if (writer.writing() && now - lastChange > options.idleTimeout().toNanos()) {
          writer.cancel();
          response.cancel(true);
          throw new TransientFailure("no data for " + Progress.duration(options.idleTimeout()) + " from " + url,
              null);
        }
        if (writer.writing() && now - lastLog >= options.progressInterval().toNanos()) {
          lastLog = now;
          log.info(label + ": " + Progress.line(offset, received, writer.total, now - started));
        }
      } catch (ExecutionException e) {
        writer.cancel();
        Throwable cause = e.getCause();
        if (cause instanceof PartWriteException local) {
          throw local; // a full disk or a read-only directory: retrying the server will not help
        }
        if (String.valueOf(cause.getMessage()).contains("Tunnel failed, got: 407")) {
          throw new MirrorFailure(refusedMessage(407, url));
        }
        throw new TransientFailure(describe(cause, url), null);
      } catch (InterruptedException e) {
        writer.cancel();
        response.cancel(true);
        throw e;
      }
    }

    int status = answer.statusCode();
    switch (writer.outcome) {
      case WRITTEN -> {
        if (writer.total >= 0 && state.length != writer.total) {
          throw new TransientFailure("connection closed after " + Progress.bytes(state.length) + " of "
              + Progress.bytes(writer.total), null);
        }
        long elapsed = Math.max(1, System.nanoTime() - started);
        log.info(label + ": " + Progress.bytes(state.length) + " complete ("
            + Progress.bytes(writer.received.get()) + " in " + Progress.duration(Duration.ofNanos(elapsed)) + ", "
            + Progress.rate(writer.received.get(), elapsed) + ")");
      }
      case ALREADY_COMPLETE -> log.info(label + ": " + Progress.bytes(state.length) + " already downloaded");
      case RESTART -> throw new TransientFailure(writer.problem, null);
      case TRANSIENT -> throw new TransientFailure("HTTP " + status + " from " + url, retryAfter(answer.headers()));
      case REFUSED -> throw new MirrorFailure(writer.problem);
      default -> throw new IllegalStateException("unknown outcome " + writer.outcome);
    }
  }

  private static Duration retryAfter(HttpHeaders headers) {
    Optional<String> value = headers.firstValue("Retry-After");
    if (value.isPresent() && value.get().strip().matches("\\d{1,9}")) {
      return Duration.ofSeconds(Long.parseLong(value.get().strip()));
    }
    return null;
  }

  private static String describe(Throwable cause, URI url) {
    if (cause instanceof HttpTimeoutException) {
      return "no answer from " + url + " (" + cause.getMessage() + ")";
    }
    if (cause instanceof java.net.ConnectException) {
      return "cannot connect to " + url + " (" + cause.getMessage() + ")";
    }
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return "connection to " + url + " failed: " + message;
  }

  private static String refusedMessage(int status, URI url) {
    String reason = switch (status) {
      case 401, 403 -> " (access denied)";
      case 404, 410 -> " (not found: check gender.downloadUrl and the subset name)";
      case 407 -> " (the proxy wants credentials: set <username>/<password> of the active <proxy> in "
          + "settings.xml; for https through a proxy with Basic authentication also run Maven with "
          + "-Djdk.http.auth.tunneling.disabledSchemes= in MAVEN_OPTS)";
      default -> "";
    };
    return "HTTP " + status + " from " + url + reason;
  }

  /** The part file could not be written: a local problem, not the server's. */
  static final class PartWriteException extends IOException {
    PartWriteException(Path part, IOException cause) {
      super("cannot write " + part + ": " + cause.getMessage() + " (check free disk space and permissions)", cause);
    }
  }

  enum Outcome { PENDING, WRITTEN, ALREADY_COMPLETE, RESTART, TRANSIENT, REFUSED }

  /**
   * Decides, once the status and headers are in, what to do with the body, and writes it to the
   * part file. Runs on the HTTP client's threads; the fields it sets are read after the response
   * future completes (or after {@link #cancel()}).
   */
  private final class PartWriter {
    private final String label;
    private final URI url;
    private final Path part;
    private final PartState state;
    private final long offset;
    final AtomicLong received = new AtomicLong();
    volatile Outcome outcome = Outcome.PENDING;
    volatile long total = -1;
    volatile String problem;
    private FileSubscriber subscriber;

    PartWriter(String label, URI url, Path part, PartState state, long offset) {
      this.label = label;
      this.url = url;
      this.part = part;
      this.state = state;
      this.offset = offset;
    }

    boolean writing() {
      return outcome == Outcome.WRITTEN;
    }

    synchronized void cancel() {
      if (subscriber != null) {
        subscriber.cancel();
      }
    }

    synchronized BodySubscriber<Void> subscriberFor(ResponseInfo info) {
      int status = info.statusCode();
      HttpHeaders headers = info.headers();
      if (status == 206) {
        Matcher range = CONTENT_RANGE.matcher(headers.firstValue("Content-Range").orElse(""));
        if (!range.matches() || Long.parseLong(range.group(1)) != offset) {
          outcome = Outcome.RESTART;
          problem = "the server answered the resume at " + offset + " with Content-Range '"
              + headers.firstValue("Content-Range").orElse("") + "'; starting again";
          state.reset();
          return BodySubscribers.discarding();
        }
        total = range.group(3).equals("*") ? -1 : Long.parseLong(range.group(3));
        return write(offset);
      }
      if (status == 200) {
        if (offset > 0) {
          log.info(label + ": the server ignored the resume request; downloading from the start");
          state.reset();
        }
        total = headers.firstValueAsLong("Content-Length").orElse(-1);
        return write(0);
      }
      if (status == 416 && offset > 0) {
        Matcher unsatisfied = UNSATISFIED_RANGE.matcher(headers.firstValue("Content-Range").orElse(""));
        if (unsatisfied.matches() && Long.parseLong(unsatisfied.group(1)) == offset) {
          total = offset;
          outcome = Outcome.ALREADY_COMPLETE;
        } else {
          outcome = Outcome.RESTART;
          problem = "the server refused to resume at byte " + offset + " (HTTP 416); starting again";
          state.reset();
        }
        return BodySubscribers.discarding();
      }
      if (status == 429 || status >= 500) {
        outcome = Outcome.TRANSIENT;
      } else {
        outcome = Outcome.REFUSED;
        problem = refusedMessage(status, url);
      }
      return BodySubscribers.discarding();
    }

    private BodySubscriber<Void> write(long from) {
      outcome = Outcome.WRITTEN;
      subscriber = new FileSubscriber(part, from, state, received);
      return subscriber;
    }
  }

  /** Appends the body to the part file at a position, updating the digest after each write. */
  private static final class FileSubscriber implements BodySubscriber<Void> {
    private final CompletableFuture<Void> result = new CompletableFuture<>();
    private final Path part;
    private final long from;
    private final PartState state;
    private final AtomicLong received;
    private FileChannel channel;
    private Flow.Subscription subscription;
    private boolean cancelled;

    FileSubscriber(Path part, long from, PartState state, AtomicLong received) {
      this.part = part;
      this.from = from;
      this.state = state;
      this.received = received;
    }

    @Override
    public CompletionStage<Void> getBody() {
      return result;
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription s) {
      subscription = s;
      try {
        Files.createDirectories(part.getParent());
        channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.truncate(from);
        channel.position(from);
        state.truncatedTo(from);
      } catch (IOException e) {
        s.cancel();
        closeQuietly();
        result.completeExceptionally(new PartWriteException(part, e));
        return;
      }
      s.request(1);
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> buffers) {
      if (cancelled || result.isDone()) {
        return;
      }
      try {
        for (ByteBuffer buffer : buffers) {
          ByteBuffer written = buffer.duplicate();
          int bytes = buffer.remaining();
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
          state.update(written, bytes);
          received.addAndGet(bytes);
        }
      } catch (IOException e) {
        subscription.cancel();
        closeQuietly();
        result.completeExceptionally(new PartWriteException(part, e));
        return;
      }
      subscription.request(1);
    }

    @Override
    public synchronized void onError(Throwable throwable) {
      closeQuietly();
      result.completeExceptionally(throwable);
    }

    @Override
    public synchronized void onComplete() {
      try {
        channel.close();
        result.complete(null);
      } catch (IOException e) {
        result.completeExceptionally(e);
      }
    }

    synchronized void cancel() {
      cancelled = true;
      if (subscription != null) {
        subscription.cancel();
      }
      closeQuietly();
      result.completeExceptionally(new IOException("cancelled"));
    }

    private void closeQuietly() {
      try {
        if (channel != null) {
          channel.close();
        }
      } catch (IOException ignored) {
        // the state's length, not the file's, says what was written
      }
    }
  }

  /** How much of the file is on disk and the MD5 of exactly those bytes. */
  static final class PartState {
    long length;
    MessageDigest digest;

    static PartState read(Path part) throws IOException {
      PartState state = new PartState();
      state.reset();
      if (Files.isRegularFile(part)) {
        state.readFrom(part, Files.size(part));
      }
      return state;
    }

    void reset() {
      length = 0;
      digest = md5();
    }

    void update(ByteBuffer bytes, int count) {
      digest.update(bytes);
      length += count;
    }

    /** After a failed write the file may hold more than was digested, or someone may have changed it. */
    void syncWith(Path part) throws IOException {
      long onDisk = Files.isRegularFile(part) ? Files.size(part) : 0;
      if (onDisk < length) {
        reset();
        if (onDisk > 0) {
          readFrom(part, onDisk);
        }
      } else if (onDisk > length) {
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
          channel.truncate(length);
        }
      }
    }

    void truncatedTo(long from) {
      if (from != length) {
        throw new IllegalStateException("writing at " + from + " but " + length + " bytes are digested");
      }
    }

    private void readFrom(Path part, long bytes) throws IOException {
      byte[] buffer = new byte[1 << 16];
      long left = bytes;
      try (InputStream in = Files.newInputStream(part)) {
        while (left > 0) {
          int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
          if (n < 0) {
            break;
          }
          digest.update(buffer, 0, n);
          left -= n;
          length += n;
        }
      }
    }

    static MessageDigest md5() {
      try {
        return MessageDigest.getInstance("MD5");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("this JVM has no MD5", e);
      }
    }
  }
}
