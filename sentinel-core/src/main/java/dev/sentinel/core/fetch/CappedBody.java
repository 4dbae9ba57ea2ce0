package dev.sentinel.core.fetch;

import dev.sentinel.core.fetch.FetchException.Kind;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a 200 body up to the cap and stops reading (cancelling the subscription, which closes the connection) the
 * moment it is passed; any other status gets its body not read at all.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** One fetch's moving parts, so the deadline can stop the exchange and the body reading. */
    static final class Attempt {
        private volatile CompletableFuture<?> exchange;
        private volatile Flow.Subscription subscription;
        private volatile boolean aborted;

        <T> CompletableFuture<T> started(CompletableFuture<T> sent) {
            exchange = sent;
            if (aborted) {
                sent.cancel(true);
            }
            return sent;
        }

        void subscribed(Flow.Subscription value) {
            subscription = value;
            if (aborted) {
                value.cancel();
            }
        }

        void abort() {
            aborted = true;
            Flow.Subscription reading = subscription;
            if (reading != null) {
                reading.cancel();
            }
            CompletableFuture<?> sent = exchange;
            if (sent != null) {
                sent.cancel(true);
            }
        }
    }

    /** Chooses the body reader once the status and headers are in. */
    static final class Handler implements HttpResponse.BodyHandler<byte[]> {
        private final int maxBytes;
        private final String target;
        private final Attempt attempt;

        Handler(int maxBytes, String target, Attempt attempt) {
            this.maxBytes = maxBytes;
            this.target = target;
            this.attempt = attempt;
        }

        @Override
        public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
            boolean wanted = info.statusCode() == 200;
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            return new CappedBody(wanted ? maxBytes : -1, declared, target, attempt);
        }
    }

    private final int maxBytes;
    private final long declaredLength;
    private final String target;
    private final Attempt attempt;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream read = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    /** {@code maxBytes} negative: the body is not wanted. */
    private CappedBody(int maxBytes, long declaredLength, String target, Attempt attempt) {
        this.maxBytes = maxBytes;
        this.declaredLength = declaredLength;
        this.target = target;
        this.attempt = attempt;
    }

    @Override
    public void onSubscribe(Flow.Subscription value) {
        subscription = value;
        attempt.subscribed(value);
        if (maxBytes < 0) {
            value.cancel();
            body.complete(new byte[0]);
        } else if (declaredLength > maxBytes) {
            tooLarge();
        } else {
            value.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            if (read.size() + (long) buffer.remaining() > maxBytes) {
                tooLarge();
                return;
            }
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            read.write(bytes, 0, bytes.length);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        body.complete(read.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    private void tooLarge() {
        subscription.cancel();
        body.completeExceptionally(new FetchException(Kind.TOO_LARGE, target + " answered more than " + maxBytes
                + " bytes"));
    }
}
