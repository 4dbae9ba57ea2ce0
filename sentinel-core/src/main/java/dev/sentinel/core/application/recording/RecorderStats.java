package dev.sentinel.core.application.recording;

/**
 * Counters of a {@link BatchingActivityRecorder}: events waiting in the buffer, accepted into it, written to the
 * store, rejected because the buffer was full or closed, failed write attempts (retried), and events that could not
 * be written (before shutdown ended, or because the store refused that one event again and again while other writes
 * succeeded).
 */
public record RecorderStats(long queued, long accepted, long written, long rejected, long failedWrites, long lost) {
}
