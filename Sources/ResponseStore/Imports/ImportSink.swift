import Foundation
import ResponseIngestion

/// Receives what ingestion reads from one file, while the import's transaction is
/// open, so that a million responses stream into the store without being held in
/// memory. Only valid inside the `body` of ``Store/importFile(info:replaceChanged:body:)``.
///
/// The writing happens on a thread of its own (an ``ImportWriter`` owns the
/// connection meanwhile), so that SQLite writes while ingestion reads: `accept` and
/// `record` queue what they are given, in order, a few thousand at a time, and wait
/// only when the writer is that far behind. A failure to write stops the import: the
/// next `accept` or `record` (or the end of the import) throws it, and nothing lands.
public final class ImportSink: @unchecked Sendable {
    private enum Event {
        case response(PreparedResponse)
        case outcome(RowOutcome)
    }

    /// Events per hand-over, and hand-overs the writer may be behind.
    private static let batchSize = 2_048
    private static let maxQueued = 4

    private let writer: ImportWriter
    private var pending: [Event] = []
    private var encoding: String?

    // Shared with the writer thread, under `condition`.
    private let condition = NSCondition()
    private var queue: [[Event]] = []
    /// Hand-overs the writer has applied, to be freed on the reading thread: freeing a
    /// million responses' texts and arrays is work the writer, the critical path,
    /// need not do.
    private var applied: [[Event]] = []
    private var closed = false
    private var cancelled = false
    private var failure: (any Error)?
    private var running = false
    private let exited = DispatchSemaphore(value: 0)

    init(writer: ImportWriter) {
        self.writer = writer
        pending.reserveCapacity(Self.batchSize)
    }

    /// Stores an accepted response, unless the store already has it: the same identity
    /// with the same content counts as already present; with different content it is a
    /// conflict, kept or replaced as the import was asked.
    public func accept(_ response: IngestedResponse) throws {
        try push(.response(PreparedResponse(response, format: writer.format, catalog: writer.catalogSnapshot)))
    }

    /// Records a row that was set aside or rejected, with its reason and raw text.
    public func record(_ outcome: RowOutcome) throws {
        try push(.outcome(outcome))
    }

    /// Records the text encoding ingestion found, once it knows it.
    public func describeFile(encoding: String) {
        self.encoding = encoding
    }

    private func push(_ event: Event) throws {
        pending.append(event)
        if pending.count >= Self.batchSize { try handOver() }
    }

    /// Queues the pending events for the writer, starting it the first time; waits
    /// while it is `maxQueued` hand-overs behind; throws its failure, if it had one.
    private func handOver() throws {
        var done: [[Event]] = []
        condition.lock()
        defer {
            condition.unlock()
            done.removeAll()  // frees the applied hand-overs, outside the lock
        }
        while queue.count >= Self.maxQueued && failure == nil { condition.wait() }
        if let failure { throw failure }
        queue.append(pending)
        pending = []
        pending.reserveCapacity(Self.batchSize)
        swap(&done, &applied)
        condition.broadcast()
        if !running {
            running = true
            let thread = Thread { [self] in self.write() }
            thread.name = "engage.import.writer"
            thread.start()
        }
    }

    /// The writer thread: applies hand-overs in order until closed (or the first failure).
    private func write() {
        defer { exited.signal() }
        while true {
            condition.lock()
            while queue.isEmpty && !closed && !cancelled { condition.wait() }
            if cancelled || queue.isEmpty || failure != nil {
                condition.unlock()
                return
            }
            let events = queue.removeFirst()
            condition.broadcast()
            condition.unlock()
            do {
                try apply(events)
                condition.lock()
                applied.append(events)
                condition.unlock()
            } catch {
                condition.lock()
                failure = error
                condition.broadcast()
                condition.unlock()
                return
            }
        }
    }

    private func apply(_ events: [Event]) throws {
        for i in events.indices {
            switch events[i] {
            case .response(let response): try writer.accept(response)
            case .outcome(let outcome): try writer.record(outcome)
            }
        }
    }

    /// Waits for the writer thread, if one was started, to stop.
    private func join(cancelling: Bool) {
        condition.lock()
        if cancelling { cancelled = true } else { closed = true }
        condition.broadcast()
        let started = running
        condition.unlock()
        if started { exited.wait() }
    }

    /// Writes everything still queued, then the counts and the import's record, on the
    /// calling thread once the writer has stopped.
    func finish() throws {
        if !running {
            // A small file, all in one hand-over: written here, no thread to start.
            try apply(pending)
            pending = []
        } else if !pending.isEmpty {
            try handOver()
        }
        join(cancelling: false)
        if let failure { throw failure }
        try writer.finish(encoding: encoding)
    }

    /// Stops the writer without writing the rest (the import is being rolled back).
    func cancel() {
        join(cancelling: true)
    }
}
