import Foundation
import ResponseIngestion

// Sharp edges (see docs/internals.md, "Sharp edges").
// What is unchecked: `Handover` is `@unchecked Sendable`.
// Why: it is shared by the import's reading thread and its writer thread, and the
// compiler cannot see the rule below.
// What keeps it safe: every variable of `Handover` is read and written only with its
// `condition` locked; its `writer` is used by the writer thread from `enqueue`'s start of
// it until it exits, and by the reading thread only before that start (a small file) or
// after `join` has waited for the exit.
// Guarded by: BulkImportTests (a failure on the writer thread stops the import and nothing
// lands), ChosenPointKillTests, ImportDuringImportTests.

/// Receives what ingestion reads from one file, while the import's transaction is
/// open, so that a million responses stream into the store without being held in
/// memory. Only valid inside the `body` of ``Store/importFile(info:replaceChanged:body:)``.
///
/// The writing happens on a thread of its own (an ``ImportWriter`` owns the
/// connection meanwhile), so that SQLite writes while ingestion reads: `accept` and
/// `record` queue what they are given, in order, a few thousand at a time, and wait
/// only when the writer is that far behind. A failure to write stops the import: the
/// next `accept` or `record` (or the end of the import) throws it, and nothing lands.
///
/// Not `Sendable`: it belongs to the thread that runs the import's `body`, and its
/// own state (`pending`, `encoding`, `started`) is used only there. What that thread
/// shares with the writer thread is in ``Handover``, under its lock.
package final class ImportSink {
    fileprivate enum Event {
        case response(PreparedResponse)
        case outcome(RowOutcome)
    }

    /// Events per hand-over.
    private static let batchSize = 2_048

    private let handover: Handover
    private var pending: [Event] = []
    private var encoding: String?
    /// Whether the writer thread was started (at the first full hand-over).
    private var started = false

    init(writer: ImportWriter) {
        handover = Handover(writer: writer)
        pending.reserveCapacity(Self.batchSize)
    }

    /// Stores an accepted response, unless the store already has it: the same identity
    /// with the same content counts as already present; with different content it is a
    /// conflict, kept or replaced as the import was asked.
    package func accept(_ response: IngestedResponse) throws {
        let writer = handover.writer // its `format` and `catalogSnapshot` never change
        try push(.response(PreparedResponse(response, format: writer.format, catalog: writer.catalogSnapshot)))
    }

    /// Records a row that was set aside or rejected, with its reason and raw text.
    package func record(_ outcome: RowOutcome) throws {
        try push(.outcome(outcome))
    }

    /// Records the text encoding ingestion found, once it knows it.
    package func describeFile(encoding: String) {
        self.encoding = encoding
    }

    private func push(_ event: Event) throws {
        pending.append(event)
        if pending.count >= Self.batchSize { try handOver() }
    }

    /// Queues the pending events for the writer, starting it the first time; waits
    /// while it is too far behind; throws its failure, if it had one.
    private func handOver() throws {
        let events = pending
        pending = []
        pending.reserveCapacity(Self.batchSize)
        try handover.enqueue(events, start: !started)
        started = true
    }

    /// Writes everything still queued, then the counts and the import's record, on the
    /// calling thread once the writer has stopped.
    func finish() throws {
        if !started {
            // A small file, all in one hand-over: written here, no thread to start.
            try handover.apply(pending)
            pending = []
        } else {
            if !pending.isEmpty { try handOver() }
            try handover.join(cancelling: false)
        }
        try handover.writer.finish(encoding: encoding)
    }

    /// Stops the writer without writing the rest (the import is being rolled back).
    func cancel() {
        guard started else { return }
        try? handover.join(cancelling: true)
    }
}

/// What an ``ImportSink``'s reading thread shares with its writer thread.
///
/// `@unchecked Sendable` because the compiler cannot see the rule that makes it safe:
/// every variable below is read and written only with `condition` locked, and
/// `writer` (not thread-safe itself) is used by the writer thread from `enqueue`'s
/// start of it until it exits, and by the reading thread only before the start
/// (a small file) or after `join` has waited for the exit.
private final class Handover: @unchecked Sendable {
    /// Hand-overs the writer may be behind.
    private static let maxQueued = 4

    let writer: ImportWriter
    private let condition = NSCondition()
    private var queue: [[ImportSink.Event]] = []
    /// Hand-overs the writer has applied, to be freed on the reading thread: freeing a
    /// million responses' texts and arrays is work the writer, the critical path,
    /// need not do.
    private var applied: [[ImportSink.Event]] = []
    private var closed = false
    private var cancelled = false
    private var failure: (any Error)?
    private let exited = DispatchSemaphore(value: 0)

    init(writer: ImportWriter) {
        self.writer = writer
    }

    /// Queues `events`, starting the writer thread when `start`; waits while the
    /// writer is `maxQueued` hand-overs behind; throws its failure, if it had one.
    func enqueue(_ events: [ImportSink.Event], start: Bool) throws {
        var done: [[ImportSink.Event]] = []
        condition.lock()
        defer {
            condition.unlock()
            done.removeAll() // frees the applied hand-overs, outside the lock
        }
        while queue.count >= Self.maxQueued && failure == nil { condition.wait() }
        if let failure { throw failure }
        queue.append(events)
        swap(&done, &applied)
        condition.broadcast()
        if start {
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

    func apply(_ events: [ImportSink.Event]) throws {
        for i in events.indices {
            switch events[i] {
            case .response(let response): try writer.accept(response)
            case .outcome(let outcome): try writer.record(outcome)
            }
        }
    }

    /// Tells the started writer thread to stop (after the queue, or at once when
    /// `cancelling`), waits for it, and throws its failure, if it had one.
    func join(cancelling: Bool) throws {
        condition.lock()
        if cancelling { cancelled = true } else { closed = true }
        condition.broadcast()
        condition.unlock()
        exited.wait()
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
    }
}
