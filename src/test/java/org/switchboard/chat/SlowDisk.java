package org.switchboard.chat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * The history file behind a gate the test opens and shuts: while it is shut, every write waits at the
 * gate, as on a disk that has stalled. Each write is recorded ("append N" or "replace N", with the
 * writing thread's name) when it reaches the gate, before it waits.
 */
final class SlowDisk implements HistoryWriter.Target {
    private final HistoryWriter.FileTarget file;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    /** Every write that reached the gate, in order. */
    final List<String> writes = new CopyOnWriteArrayList<>();
    /** The records of every write, in order. */
    final List<List<String>> records = new CopyOnWriteArrayList<>();
    volatile Thread writer;

    SlowDisk(Path file) {
        this.file = new HistoryWriter.FileTarget(file);
    }

    void shut() {
        gate = new CountDownLatch(1);
    }

    void open() {
        gate.countDown();
    }

    @Override
    public void append(List<String> lines) throws IOException {
        arrive("append", lines);
        file.append(lines);
    }

    @Override
    public void replace(List<String> lines) throws IOException {
        arrive("replace", lines);
        file.replace(lines);
    }

    @Override
    public void close() {
        file.close();
    }

    private void arrive(String what, List<String> lines) throws InterruptedIOException {
        writer = Thread.currentThread();
        records.add(List.copyOf(lines));
        writes.add(what + " " + lines.size() + " on " + writer.getName());
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the test ended");
        }
    }
}
