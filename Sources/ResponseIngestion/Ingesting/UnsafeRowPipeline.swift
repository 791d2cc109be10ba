import Dispatch

// Sharp edges (see docs/internals.md, "Sharp edges").
// What is unchecked: `Batch` and `Lane` are `@unchecked Sendable` and their state is
// `@exclusivity(unchecked)`; `RowText` holds its text buffer `unowned(unsafe)`.
// Why: the compiler cannot see the hand-over that makes them safe, and the run-time
// exclusivity checks cost three checks a record; a retain per row showed in the profile.
// What keeps it safe: a batch is written only by its lane's worker until the worker
// signals `done`, and read only by the calling thread after it has waited for `done`; a
// lane's interpreter is used only on the lane's serial queue; a `RowText` is used only
// while the record or batch that owns its buffer is being delivered (`deliver` does not
// keep it: a row's text is copied into a `String` when it is kept).
// Guarded by: ParallelIngestionTests (workers give exactly the events, raw text
// included, of one thread, with tiny chunks and batches), the CSV fuzz target.

/// Reads and interprets the data rows of a file, on worker threads when `lanes > 0`,
/// and hands every row's result back on the calling thread in file order.
///
/// In parallel, the calling thread only finds where records end (the tokenizer, with
/// nothing kept) and copies each run of `batchSize` records' text into a block of its
/// own; a worker parses the block (``CSVChunkParser``, which gives exactly the records
/// the reader would) and interprets its rows. No buffer is shared between threads
/// while work is under way. Results come back in order, so counting, in-file
/// duplicate checks and the sink see exactly what a sequential reading gives.
///
/// Each lane owns one ``RowInterpreter`` (with its own caches) and a serial queue.
/// At most `2 × lanes` blocks are in flight, which bounds memory.
final class RowPipeline {
    typealias Deliver = (RowInterpreter.Result, RowText) throws -> Void

    // A batch is filled by its worker and then read by the calling thread after `done`;
    // a lane's interpreter is used on its queue only. Their accesses are not checked for
    // exclusivity at run time: three checks a record showed in the workers' profile.
    private final class Batch: @unchecked Sendable {
        /// The block's text, once parsed (rows' raw text is cut from it only when needed).
        @exclusivity(unchecked) var text: CSVTextBuffer?
        @exclusivity(unchecked) var rows: [Range<Int>] = []
        @exclusivity(unchecked) var results: [RowInterpreter.Result] = []
        /// The identity hash of each accepted row, for `ahead`.
        @exclusivity(unchecked) var identities: [UInt64] = []
        let done = DispatchSemaphore(value: 0)
    }

    private final class Lane: @unchecked Sendable {
        @exclusivity(unchecked) var interpreter: RowInterpreter
        let queue: DispatchQueue
        init(_ interpreter: RowInterpreter, _ number: Int) {
            self.interpreter = interpreter
            queue = DispatchQueue(label: "engage.ingest.lane\(number)")
        }
    }

    private var interpreter: RowInterpreter
    private let lanes: [Lane]
    /// Records per block handed to a worker.
    let batchSize: Int

    init(interpreter: RowInterpreter, lanes: Int, batchSize: Int = 4096) {
        self.interpreter = interpreter
        self.lanes = (0..<max(0, lanes)).map { Lane(interpreter, $0) }
        self.batchSize = max(1, batchSize)
    }

    /// Interprets `pending` (records already read) and then the rest of `source`.
    /// `ahead`, if given, is told the identity hashes of each block's accepted rows
    /// before its results are delivered one by one.
    func run(
        pending: [CSVRecord], source: inout RecordSource, ahead: ([UInt64]) -> Void = { _ in },
        _ deliver: Deliver
    ) throws {
        for record in pending { try deliver(interpreter.interpret(record), record.rowText) }
        guard !lanes.isEmpty else {
            while let record = try source.next() { try deliver(interpreter.interpret(record), record.rowText) }
            return
        }
        var inFlight: [Batch] = []
        var nextLane = 0
        let size = batchSize
        func drain(leaving: Int) throws {
            while inFlight.count > leaving {
                let batch = inFlight.removeFirst()
                batch.done.wait()
                let text = batch.text!
                ahead(batch.identities)
                for (result, row) in zip(batch.results, batch.rows) {
                    try deliver(result, RowText(text: text, range: row))
                }
            }
        }
        while let (block, parser) = try source.nextBlock(maxRecords: batchSize) {
            let batch = Batch()
            let lane = lanes[nextLane]
            nextLane = (nextLane + 1) % lanes.count
            inFlight.append(batch)
            lane.queue.async {
                batch.rows.reserveCapacity(size)
                batch.results.reserveCapacity(size)
                batch.identities.reserveCapacity(size)
                parser.parse(0..<block.text.count, firstLine: block.firstLine) { record in
                    batch.rows.append(record.rawStart..<record.rawEnd)
                    let result = lane.interpreter.interpret(record)
                    if case .accepted(_, let identity) = result { batch.identities.append(identity.key) }
                    batch.results.append(result)
                }
                batch.text = parser.text
                batch.done.signal()
            }
            try drain(leaving: 2 * lanes.count)
        }
        try drain(leaving: 0)
    }
}

/// Where a row's raw text is, to keep it verbatim when the row is set aside or rejected
/// after interpretation; the `String` is made only then.
struct RowText {
    /// Not retained: a `RowText` lives only while its record or batch is being handed
    /// on, and they keep the text alive (a retain per row showed in the profile).
    unowned(unsafe) let text: CSVTextBuffer
    let range: Range<Int>

    func string() -> String {
        text.bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }
}

extension CSVRecord {
    var rowText: RowText { RowText(text: text, range: rawStart..<rawEnd) }
}
