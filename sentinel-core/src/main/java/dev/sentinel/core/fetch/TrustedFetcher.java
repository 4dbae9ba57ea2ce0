package dev.sentinel.core.fetch;

import dev.sentinel.core.fetch.FetchException.Kind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one way the server (and the resource-server verifier) fetches from addresses it was given by someone else: key
 * sets, issuer metadata, introspection. Each fetch is bounded as a whole — name resolution, connect, headers and body
 * within the policy's deadline, the body cut off as soon as it passes the size cap — and follows no redirect (a
 * {@code 3xx} is a refusal naming it). Only {@code https} is fetched, except plain {@code http} to private addresses
 * when the policy allows private targets. The host is resolved and every address it has is checked before the
 * connection: loopback, link-local, private ({@code 10/8}, {@code 172.16/12}, {@code 192.168/16}), unique-local
 * ({@code fc00::/7}), carrier-grade NAT ({@code 100.64/10}), unspecified, multicast and reserved addresses, also in
 * IPv4-mapped form, are refused unless the policy allows private targets or lists the host.
 *
 * <p>The check and the connection each ask the JVM's resolver, whose cache keeps a successful answer for 30 s by
 * default ({@code networkaddress.cache.ttl}), so both normally see the same answer. What that leaves open: a name
 * whose cached answer expires between the check and the connection (a window of microseconds, but a DNS server that
 * answers with a zero TTL and alternates addresses can aim at it), a JVM started with {@code networkaddress.cache.ttl=0},
 * and a configured HTTP proxy, which connects on the fetcher's behalf to whatever it resolves.
 *
 * <p>Every failure is a {@link FetchException} with a reason safe to show an operator; nothing else is thrown for a
 * bad target. Thread-safe; one per policy, shared.
 */
public final class TrustedFetcher {

    private static final ExecutorService RESOLVING = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "sentinel-fetch-resolve");
        thread.setDaemon(true);
        return thread;
    });

    private final FetchPolicy policy;
    private final HttpClient client;

    /** A fetcher with its own HTTP client (no redirects, connect timeout the policy's deadline). */
    public TrustedFetcher(FetchPolicy policy) {
        this(policy, HttpClient.newBuilder().connectTimeout(policy.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /**
     * A fetcher over the given client, e.g. one with its own trust store.
     *
     * @throws IllegalArgumentException when the client follows redirects (the target of a redirect would escape the
     *                                  address rules)
     */
    public TrustedFetcher(FetchPolicy policy, HttpClient client) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.client = Objects.requireNonNull(client, "client");
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the HTTP client of a trusted fetcher must not follow redirects (got "
                    + client.followRedirects() + ")");
        }
    }

    public FetchPolicy policy() {
        return policy;
    }

    /** GETs a JSON document. */
    public Fetched get(URI uri) throws FetchException {
        return await(getAsync(uri));
    }

    /**
     * As {@link #get}, without waiting: the future completes within the deadline, with the body or exceptionally with
     * a {@link FetchException} (as the cause of the {@link CompletionException} {@code join} throws).
     */
    public CompletableFuture<Fetched> getAsync(URI uri) {
        return fetch(uri, builder -> builder.GET(), Map.of());
    }

    /** POSTs a form ({@code application/x-www-form-urlencoded}) with extra headers, e.g. {@code Authorization}. */
    public Fetched postForm(URI uri, String form, Map<String, String> headers) throws FetchException {
        return await(fetch(uri, builder -> builder.header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), headers));
    }

    private interface Method {
        HttpRequest.Builder apply(HttpRequest.Builder builder);
    }

    private CompletableFuture<Fetched> fetch(URI uri, Method method, Map<String, String> headers) {
        CompletableFuture<Fetched> result = new CompletableFuture<>();
        String target;
        HttpRequest request;
        try {
            target = checkedTarget(uri);
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(policy.timeout())
                    .header("Accept", "application/json");
            headers.forEach(builder::header);
            request = method.apply(builder).build();
        } catch (FetchException refused) {
            result.completeExceptionally(refused);
            return result;
        } catch (IllegalArgumentException unusable) {
            result.completeExceptionally(new FetchException(Kind.REFUSED_TARGET, shown(uri) + " cannot be fetched: "
                    + unusable.getMessage()));
            return result;
        }
        CappedBody.Attempt attempt = new CappedBody.Attempt();
        CompletableFuture<Fetched> running = CompletableFuture.supplyAsync(() -> checkAddresses(uri, target), RESOLVING)
                .thenCompose(checked -> attempt.started(client.sendAsync(request,
                        new CappedBody.Handler(policy.maxBytes(), target, attempt))))
                .thenApply(response -> fetched(uri, target, response));
        running.orTimeout(policy.timeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((fetched, failure) -> {
            if (failure == null) {
                result.complete(fetched);
            } else {
                attempt.abort();
                result.completeExceptionally(failed(target, failure));
            }
        });
        return result;
    }

    private Fetched await(CompletableFuture<Fetched> future) throws FetchException {
        try {
            return future.get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new FetchException(Kind.NETWORK, "the fetch was interrupted");
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof FetchException known) {
                throw known;
            }
            throw new FetchException(Kind.NETWORK, "the fetch failed: " + failed.getCause());
        }
    }

    /** The target as shown in reasons; refuses what no policy allows, before any lookup. */
    private String checkedTarget(URI uri) throws FetchException {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new FetchException(Kind.REFUSED_TARGET, "'" + shown(uri) + "' is not an https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new FetchException(Kind.REFUSED_TARGET, "'" + shown(uri) + "' names no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new FetchException(Kind.REFUSED_TARGET, shown(uri) + " carries user information, which is never sent");
        }
        if (scheme.equals("http") && !policy.allowPrivateTargets()) {
            throw new FetchException(Kind.REFUSED_TARGET, shown(uri) + " is plain http; only https is fetched"
                    + " (plain http to private addresses needs private targets allowed: " + policy.privateTargetsHint()
                    + ")");
        }
        return shown(uri);
    }

    /** Resolves the host and applies the address rules; runs on a resolver thread, inside the deadline. */
    private boolean checkAddresses(URI uri, String target) {
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean plainHttp = "http".equalsIgnoreCase(uri.getScheme());
        if (!plainHttp && policy.allowsHost(host)) {
            return true;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException unknown) {
            throw new CompletionException(new FetchException(Kind.NETWORK, target + " failed: the host " + host
                    + " is unknown"));
        }
        for (InetAddress address : addresses) {
            Optional<String> nonPublic = TargetAddresses.nonPublic(address);
            if (plainHttp && nonPublic.isEmpty()) {
                throw new CompletionException(new FetchException(Kind.REFUSED_TARGET, target + " is plain http to the"
                        + " public address " + address.getHostAddress() + "; only https is fetched from public addresses"));
            }
            if (nonPublic.isPresent() && !policy.allowPrivateTargets()) {
                throw new CompletionException(new FetchException(Kind.REFUSED_TARGET, target + " resolves to "
                        + address.getHostAddress() + ", a " + nonPublic.get() + " address, which this server does not"
                        + " fetch from (" + policy.privateTargetsHint() + ")"));
            }
        }
        return true;
    }

    private Fetched fetched(URI uri, String target, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status >= 300 && status < 400) {
            String location = response.headers().firstValue("Location").map(TrustedFetcher::shownLocation).orElse("nowhere");
            throw new CompletionException(new FetchException(Kind.REDIRECT, target + " answered HTTP " + status
                    + " (a redirect to " + location + "), which is never followed"));
        }
        if (status != 200) {
            throw new CompletionException(new FetchException(Kind.HTTP_STATUS, target + " answered HTTP " + status));
        }
        return new Fetched(uri, response.body(), CacheControl.maxAge(response.headers().firstValue("Cache-Control")));
    }

    /** The failure inside the wrappers a future adds. */
    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private FetchException failed(String target, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof FetchException known) {
            return known;
        }
        if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
            return new FetchException(Kind.TIMEOUT, target + " did not answer in full within " + policy.timeout().toMillis()
                    + " ms");
        }
        if (cause instanceof CancellationException) {
            return new FetchException(Kind.NETWORK, target + " was cancelled");
        }
        if (cause instanceof IOException io) {
            return new FetchException(Kind.NETWORK, target + " failed: " + io.getClass().getSimpleName()
                    + (io.getMessage() == null ? "" : " (" + io.getMessage() + ")"));
        }
        return new FetchException(Kind.NETWORK, target + " failed: " + cause.getClass().getSimpleName());
    }

    /** Scheme, host, port and path: never the query, fragment or user information, which may carry secrets. */
    static String shown(URI uri) {
        if (uri == null) {
            return "null";
        }
        if (uri.isOpaque() || uri.getHost() == null) {
            return uri.getScheme() == null ? "(a relative reference)" : uri.getScheme() + ":…";
        }
        return uri.getScheme() + "://" + (uri.getRawAuthority().contains("@") ? uri.getHost()
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) : uri.getRawAuthority())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static String shownLocation(String location) {
        try {
            return shown(URI.create(location));
        } catch (IllegalArgumentException unreadable) {
            return "an unreadable location";
        }
    }
}
