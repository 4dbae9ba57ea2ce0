package dev.sentinel.core.application.recording;

/**
 * Counters of a {@link BatchingActivityRecorder}: events waiting in the buffer, accepted into it, written to the
 * store, rejected because the buffer was full or closed, failed write attempts (retried), and events that could not
 * be written before shutdown ended.
 */
public record RecorderStats(long queued, long accepted, long written, long rejected, long failedWrites, long lost) {
}
