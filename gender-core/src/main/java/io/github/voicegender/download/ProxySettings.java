package io.github.voicegender.download;

import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An HTTP proxy, as Maven's {@code settings.xml} describes one: host and port, optional user and
 * password, and the hosts reached directly ({@code nonProxyHosts}: {@code |}- or comma-separated,
 * {@code *} as a wildcard, for example {@code localhost|*.example.com}).
 *
 * <p>For a proxy that asks for a password on {@code https://} URLs, the JDK's HTTP client refuses
 * Basic authentication of the tunnel unless the JVM runs with
 * {@code -Djdk.http.auth.tunneling.disabledSchemes=} (for example in {@code MAVEN_OPTS}).
 */
public record ProxySettings(String host, int port, String username, String password, List<String> nonProxyHosts) {

  public ProxySettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("proxy host is empty");
    }
    if (port <= 0 || port > 65535) {
      throw new IllegalArgumentException("proxy port " + port + " is not 1..65535");
    }
    nonProxyHosts = nonProxyHosts == null ? List.of() : List.copyOf(nonProxyHosts);
  }

  /** Parses Maven's {@code nonProxyHosts} ({@code a|b}, also {@code a,b}); null or blank means none. */
  public static List<String> parseNonProxyHosts(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split("[|,]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** Whether a host is reached without the proxy. */
  public boolean bypasses(String targetHost) {
    if (targetHost == null) {
      return false;
    }
    String target = targetHost.toLowerCase(Locale.ROOT);
    for (String pattern : nonProxyHosts) {
      String regex = Arrays.stream(pattern.toLowerCase(Locale.ROOT).split("\\*", -1))
          .map(Pattern::quote).reduce((a, b) -> a + ".*" + b).orElse("");
      if (target.matches(regex)) {
        return true;
      }
    }
    return false;
  }

  /** Sends every URL through this proxy except those of {@link #nonProxyHosts}. */
  public ProxySelector selector() {
    Proxy proxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port));
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        return List.of(bypasses(uri.getHost()) ? Proxy.NO_PROXY : proxy);
      }

      @Override
      public void connectFailed(URI uri, SocketAddress address, IOException e) {}
    };
  }

  /** Answers the proxy's password challenges (only the proxy's, never a server's), if there is a user. */
  public Optional<Authenticator> authenticator() {
    if (username == null || username.isEmpty()) {
      return Optional.empty();
    }
    char[] secret = password == null ? new char[0] : password.toCharArray();
    return Optional.of(new Authenticator() {
      @Override
      protected PasswordAuthentication getPasswordAuthentication() {
        return getRequestorType() == RequestorType.PROXY ? new PasswordAuthentication(username, secret) : null;
      }
    });
  }

  @Override
  public String toString() {
    // Never the password: this ends up in logs.
    return host + ":" + port + (username == null || username.isEmpty() ? "" : " as " + username)
        + (nonProxyHosts.isEmpty() ? "" : ", not for " + String.join("|", nonProxyHosts));
  }
}
