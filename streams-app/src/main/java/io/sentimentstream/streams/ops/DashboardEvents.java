package io.sentimentstream.streams.ops;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's live feed, as server-sent events: every second one thread takes the state once
 * and sends it to each open stream. Writes are asynchronous and a stream gets the next state only
 * once its previous one is written, so a slow reader misses states instead of piling them up or
 * holding a thread; one that reads nothing for the server's idle timeout is dropped by Jetty. At
 * most {@link #MAX_STREAMS} streams are open at once, well under the server's connection limit,
 * so the probes always find a connection.
 */
final class DashboardEvents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardEvents.class);

    static final int MAX_STREAMS = 8;
    static final long PERIOD_MS = 1000;
    /** EventSource reconnects after this long when the stream breaks. */
    private static final byte[] PREAMBLE = "retry: 2000\n\n".getBytes(StandardCharsets.UTF_8);

    private final Supplier<byte[]> state;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker;
    private volatile byte[] latest;

    DashboardEvents(Supplier<byte[]> state) {
        this.state = state;
        this.ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "dashboard-events");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(this::tick, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** Opens a stream on this exchange, or answers 503 at the limit. */
    boolean open(Request request, Response response, Callback callback, boolean head) {
        if (streams.size() >= MAX_STREAMS) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, 5);
            return OpsHttpServer.reply(response, callback, 503, "text/plain", "too many dashboards open\n", head);
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (head) {
            response.write(true, null, callback);
            return true;
        }
        Stream stream = new Stream(response, callback);
        streams.add(stream);
        request.addFailureListener(stream::end);
        // The first state at once, so a new page is not blank for up to a second.
        byte[] now = latest;
        stream.send(now == null ? PREAMBLE : concat(PREAMBLE, frame(now)));
        return true;
    }

    /** Streams open now. */
    int open() {
        return streams.size();
    }

    private void tick() {
        try {
            byte[] now = state.get();
            latest = now;
            if (!streams.isEmpty()) {
                byte[] frame = frame(now);
                streams.forEach(stream -> stream.send(frame));
            }
        } catch (RuntimeException e) {
            // A failing state must not stop the ticker (scheduled tasks that throw never run again).
            LOG.warn("the dashboard's state failed: {}", e.toString());
        }
    }

    /** Ends every stream and stops the ticker. */
    @Override
    public void close() {
        ticker.shutdownNow();
        streams.forEach(stream -> stream.end(null));
    }

    private static byte[] frame(byte[] json) {
        // The JSON is one line, so one data line carries it.
        return concat("event: state\ndata: ".getBytes(StandardCharsets.UTF_8), json,
                "\n\n".getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer all = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }

    /** One open event stream. */
    private final class Stream {

        private final Response response;
        private final Callback done;
        private final AtomicBoolean writing = new AtomicBoolean();
        private final AtomicBoolean ended = new AtomicBoolean();

        Stream(Response response, Callback done) {
            this.response = response;
            this.done = done;
        }

        void send(byte[] frame) {
            if (ended.get() || !writing.compareAndSet(false, true)) {
                return;  // still writing the previous state: this reader is slow, skip one
            }
            response.write(false, ByteBuffer.wrap(frame), Callback.from(() -> writing.set(false), this::end));
        }

        /** Ends the exchange: normally ({@code null}) or because it failed. */
        void end(Throwable failure) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            streams.remove(this);
            if (failure == null && !writing.get()) {
                done.succeeded();
            } else {
                done.failed(failure != null ? failure : new IOException("the server is stopping"));
            }
        }
    }
}
