package dev.sentinel.http;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.content.ByteBufferContentSource;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads request bodies of up to {@code maxBytes} as they arrive, holding no thread while they do, and hands each
 * request on only once its whole body is there; longer bodies (only batch ingest accepts them, after its token
 * check) pass straight through. A body that has not fully arrived within {@code grace} plus one second per
 * {@code bytesPerSecond} of its length (of {@code maxBytes} when chunked) is answered 408 and its connection closed;
 * a chunked body past {@code maxBytes} is answered 413.
 * Only arrival is timed: when the deadline passes, whatever is waiting in the socket is read first, and a body that
 * is all there goes on. So a server too busy to read a request at once never refuses it (a body-rate check measured
 * on the server's own reads answered 408 to 7 of 15,626 grants with four busy loops beside a 2-core server), while a
 * client trickling its body still loses its connection in bounded time, and three hundred of them hold no thread.
 */
final class ArrivedBodies extends Handler.Wrapper {

    private final int maxBytes;
    private final long bytesPerSecond;
    private final long graceNanos;
    private final String streamedPath;

    /** {@code streamedPath}: chunked bodies of this path (batch ingest, up to 4 MiB) are not read ahead. */
    ArrivedBodies(int maxBytes, long bytesPerSecond, java.time.Duration grace, String streamedPath) {
        this.streamedPath = streamedPath;
        this.maxBytes = maxBytes;
        this.bytesPerSecond = bytesPerSecond;
        this.graceNanos = grace.toNanos();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long length = request.getLength();
        boolean chunked = length < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (length == 0 || length > maxBytes || length < 0 && !chunked
                || chunked && streamedPath.equals(Request.getPathInContext(request))) {
            return super.handle(request, response, callback);
        }
        new Arrival(request, response, callback, length).run();
        return true;
    }

    /** One body arriving; its state is guarded by its own lock (demand callbacks and the deadline race). */
    private final class Arrival implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final long length;
        private byte[] body;
        private int received;
        private boolean finished;
        private Scheduler.Task deadline;

        Arrival(Request request, Response response, Callback callback, long length) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.length = length;
            this.body = new byte[length > 0 ? (int) length : Math.min(maxBytes, 4096)];
        }

        /** Reads what has arrived: hands the request on when the body is whole, else waits for more. */
        @Override
        public void run() {
            Outcome outcome;
            synchronized (this) {
                if (finished) {
                    return;
                }
                outcome = readAvailable();
                if (outcome == Outcome.MORE) {
                    if (deadline == null) {
                        long expected = length > 0 ? length : maxBytes;
                        long due = request.getBeginNanoTime() + graceNanos
                                + TimeUnit.SECONDS.toNanos(1) * expected / bytesPerSecond;
                        deadline = request.getComponents().getScheduler().schedule(this::expire,
                                Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
                    }
                    request.demand(this);
                    return;
                }
                finished = true;
                if (deadline != null) {
                    deadline.cancel();
                }
            }
            act(outcome);
        }

        /** The deadline: what has arrived by now is read first; only a body still incomplete is refused. */
        private void expire() {
            Outcome outcome;
            synchronized (this) {
                if (finished) {
                    return;
                }
                outcome = readAvailable();
                finished = true;
            }
            act(outcome == Outcome.MORE ? Outcome.LATE : outcome);
        }

        private void act(Outcome outcome) {
            switch (outcome) {
                case WHOLE -> handOn();
                case TOO_LARGE -> refuse(413);
                case LATE -> refuse(408);
                default -> { } // FAILED: the connection broke; Jetty has failed the request already
            }
        }

        /** Reads every chunk waiting; called holding the lock. */
        private Outcome readAvailable() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    return Outcome.MORE;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    chunk.release();
                    return Outcome.FAILED;
                }
                try {
                    ByteBuffer bytes = chunk.getByteBuffer();
                    int count = bytes.remaining();
                    if (received + count > maxBytes) {
                        return Outcome.TOO_LARGE;
                    }
                    if (received + count > body.length) {
                        body = Arrays.copyOf(body, Math.min(maxBytes, Math.max(body.length * 2, received + count)));
                    }
                    bytes.get(body, received, count);
                    received += count;
                    if (chunk.isLast()) {
                        return Outcome.WHOLE;
                    }
                } finally {
                    chunk.release();
                }
            }
        }

        private void handOn() {
            Request whole = new WholeBody(request, ByteBuffer.wrap(body, 0, received));
            try {
                if (!getHandler().handle(whole, response, callback)) {
                    Response.writeError(request, response, callback, 404);
                }
            } catch (Throwable failure) {
                Response.writeError(request, response, callback, failure);
            }
        }

        private void refuse(int status) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            Response.writeError(request, response, callback, status);
        }
    }

    private enum Outcome {
        WHOLE, MORE, LATE, TOO_LARGE, FAILED
    }

    /** The request with its body already read: the handlers read it from memory. */
    private static final class WholeBody extends Request.Wrapper {
        private final ByteBufferContentSource content;

        WholeBody(Request request, ByteBuffer body) {
            super(request);
            this.content = new ByteBufferContentSource(body);
        }

        @Override
        public Content.Chunk read() {
            return content.read();
        }

        @Override
        public void demand(Runnable demandCallback) {
            content.demand(demandCallback);
        }

        @Override
        public void fail(Throwable failure) {
            content.fail(failure);
        }

        @Override
        public boolean consumeAvailable() {
            Content.Chunk chunk;
            while ((chunk = content.read()) != null && !chunk.isLast()) {
                chunk.release();
            }
            if (chunk != null) {
                chunk.release();
            }
            return true;
        }
    }
}
