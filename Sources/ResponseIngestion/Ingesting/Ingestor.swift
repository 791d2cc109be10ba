import Foundation
import SurveyDefinition

/// Options for reading an export.
public struct IngestionOptions: Sendable {
    /// Overrides format detection (`--format`).
    public var format: ExportFormat?
    /// Overrides date-order inference (`--date-order`).
    package var dateOrder: DateOrder?
    /// A mapping file for exports with the officer's own headers.
    public var mapping: ImportMapping?
    /// The zip member or workbook sheet to read (`--member`, `--sheet`).
    public var selection = ExportSelection()
    /// Wall-clock now (UK time as if UTC); rows submitted after it are rejected. `nil` skips the check.
    public var now: Int64?
    /// How many rejected rows the report keeps for display.
    public var sampleLimit = 20
    /// Bytes read from the file at a time (default 1 MiB); the fuzzer uses small values.
    package var chunkSize: Int?
    /// Worker threads that interpret rows while the file is read (default: one per
    /// core when there are two or more; 0 reads everything on the calling thread).
    /// Results are the same either way.
    package var workers: Int?
    /// Rows per batch handed to a worker (tests use small batches).
    package var batchSize = 4096
    /// The date every response was submitted, for a file whose rows carry none
    /// (`--submitted`): UK wall-clock midnight of that day, as ``IngestedResponse/submitted``.
    public var submitted: Int64?
    /// How earlier imports of the survey (from the same source) read each header: a
    /// header that fed a question then feeds it again, unless the definition now names it.
    public var memory = ColumnMemory()

    /// Options as `engage import` takes them; every one may be left out.
    package init(
        format: ExportFormat? = nil, dateOrder: DateOrder? = nil, mapping: ImportMapping? = nil, now: Int64? = nil
    ) {
        self.format = format
        self.dateOrder = dateOrder
        self.mapping = mapping
        self.now = now
    }
}

/// Reads one export of one survey: detects its format, maps its headers to
/// questions, normalises every answer and date, and accounts for every data row as
/// accepted, set aside or rejected. Streams: rows are handed to the sink as they are
/// read, so files of any size use little memory.
public struct Ingestor: Sendable {
    /// The survey the export answers.
    public let survey: Survey
    /// How to read it.
    public var options: IngestionOptions

    /// An ingestor of exports of `survey`.
    package init(survey: Survey, options: IngestionOptions = IngestionOptions()) {
        self.survey = survey
        self.options = options
    }

    /// Reads the file and reports, without keeping anything (`engage inspect`).
    public func inspect(path: String, displayName: String? = nil) throws -> IngestionReport {
        try run(path: path, displayName: displayName, keepResponses: false, sink: { _ in })
    }

    /// How the file's columns will be read, from its header rows alone: what
    /// ``run(path:displayName:keepResponses:sink:)`` will use, so that an import can
    /// check it against what earlier imports had before anything is stored.
    public func columnPlan(path: String, displayName: String? = nil) throws -> ColumnPlan {
        let name = displayName ?? path
        var source = try RecordSource(
            path: path, displayName: name, chunkSize: options.chunkSize, selection: options.selection)
        let header = try readHeader(&source, name)
        return header.plan
    }

    /// The header rows of a file, its format and how its columns will be read.
    private struct Header {
        var lookahead: [CSVRecord]
        var format: ExportFormat
        var headerCount: Int
        var headerRows: [[String]]
        var planner: ColumnPlanner
        var plan: ColumnPlan
    }

    private func readHeader(_ source: inout RecordSource, _ name: String) throws -> Header {
        // Enough rows to recognise any format (Qualtrics has three header rows).
        var lookahead: [CSVRecord] = []
        while lookahead.count < 3, let record = try source.next() {
            lookahead.append(record)
        }
        guard !lookahead.isEmpty else { throw IngestionError.empty(file: name) }
        let detected = FormatDetector.detect(lookahead.map(\.fields))
        let format = options.format ?? options.mapping?.format ?? detected
        let headerCount = min(format.headerRows, lookahead.count)
        let headerRows = lookahead.prefix(headerCount).map(\.fields)
        let planner = ColumnPlanner(survey: survey, format: format, mapping: options.mapping, memory: options.memory)
        var plan = planner.plan(headerRows: headerRows)
        if plan.problems.isEmpty {
            if let column = plan.column(for: .submitted) {
                if let given = options.submitted {
                    let header = plan.columns.first { $0.index == column }?.header ?? ""
                    plan.problems.append(
                        "--submitted \(CivilTime.isoDate(CivilTime.day(wallClock: given))) is for a file whose rows carry no date, but column \(column + 1) \"\(header.singleLine.truncated(60))\" gives each response's submitted date; leave --submitted out"
                    )
                }
            } else if options.submitted == nil {
                plan.problems.append(
                    "no column gives the date each response was submitted. If the rows carry no date, say when they were collected with --submitted YYYY-MM-DD (every response gets that date); or name the date column in a mapping file: \"columns\": { \"Date of call\": \"@submitted\" }"
                )
            }
        }
        return Header(
            lookahead: lookahead, format: format, headerCount: headerCount, headerRows: headerRows, planner: planner,
            plan: plan)
    }

    /// Reads the file, handing every accepted response and every set-aside or rejected
    /// row to `sink` in file order.
    /// - Throws: ``IngestionError`` when the file cannot be read as CSV at all, or what `sink` throws.
    /// - Parameter keepResponses: false when only the counts matter: responses are
    ///   still read, normalised and checked in full, but not handed to `sink`.
    /// - Parameter observer: sees every byte of the file as this reading takes it, in
    ///   order (an import's digest is computed from them).
    package func run(
        path: String, displayName: String? = nil, keepResponses: Bool = true, observer: (any ReadObserver)? = nil,
        sink: (IngestionEvent) throws -> Void
    ) throws -> IngestionReport {
        let name = displayName ?? path
        var source = try RecordSource(
            path: path, displayName: name, chunkSize: options.chunkSize, selection: options.selection,
            observer: observer)
        let header = try readHeader(&source, name)
        let format = header.format
        let headerCount = header.headerCount
        let headerRows = header.headerRows
        let pending = Array(header.lookahead.dropFirst(headerCount))
        let planner = header.planner
        let plan = header.plan
        var report = IngestionReport(
            file: name, survey: survey.id, format: format,
            formatDetected: options.format == nil && options.mapping?.format == nil,
            encoding: source.encodingName, delimiter: source.delimiterName, headerRows: headerCount,
            columns: plan.columns,
            suggestions: [:], missingQuestions: [], dateOrder: .none)
        report.origin = source.origin
        report.isWorkbook = source.isWorkbook
        report.firstHeaderLine = header.lookahead[0].line
        report.notes = plan.notes
        report.problems = plan.problems
        let questionWords = planner.questionWords
        for c in plan.columns where c.use == .unmatched {
            if let q = planner.nearestQuestion(to: c.header, among: questionWords) { report.suggestions[c.index] = q }
        }
        let matched = plan.matchedQuestions
        report.missingQuestions = survey.questions.map(\.id).filter { !matched.contains($0) }
        if plan.column(for: .submitted) == nil, let given = options.submitted {
            report.notes.append(
                "every response is given the submitted date \(CivilTime.isoDate(CivilTime.day(wallClock: given))) (--submitted): the file has no date column"
            )
        }

        // Date order: given, fixed by the format, or inferred from the whole column.
        let dateColumns =
            [plan.column(for: .submitted)].compactMap { $0 }
            + plan.columns.compactMap { c -> Int? in
                if case .answer(let q) = c.use, survey.question(q)?.type == .date { return c.index }
                return nil
            }
        if let given = options.dateOrder ?? options.mapping?.dateOrder {
            report.dateOrder = .given(given)
        } else if let fixed = format.fixedDateOrder {
            report.dateOrder = .format(fixed)
        } else if !dateColumns.isEmpty && report.problems.isEmpty {
            report.dateOrder = try Self.inferDateOrder(
                path: path, displayName: name, chunkSize: options.chunkSize, selection: options.selection,
                skip: headerCount, columns: dateColumns)
        }
        if report.dateOrder == .ambiguousDefaultedToUK {
            report.notes.append(
                "dates read day-first (UK): every date could be read either way. Use --date-order mdy if the export came from a US-locale tool."
            )
        }

        var rows = RowInterpreter(
            survey: survey, plan: plan, format: format, dateOrder: report.dateOrder.order ?? .dmy,
            mapping: options.mapping, now: options.now, headerWidth: headerRows.map(\.count).max() ?? 0)
        rows.keepResponses = keepResponses
        if plan.column(for: .submitted) == nil { rows.givenSubmitted = options.submitted }
        var duplicates = InFileDuplicates()
        /// Rows identical to an earlier one that nothing tells apart: occurrences so far, by identity.
        var timelessRepeats: [UInt64: Int] = [:]
        var timelessLines: [Int] = []
        let idHeader = plan.column(for: .responseID).flatMap { i in plan.columns.first { $0.index == i }?.header }
        var damagedIDs = 0
        // Called in file order, on this thread, whatever the number of workers.
        func deliver(_ result: RowInterpreter.Result, _ raw: RowText) throws {
            report.dataRows += 1
            var rowOutcome: RowOutcome
            switch result {
            case .accepted(let response, let identity):
                if identity.damagedID { damagedIDs += 1 }
                guard let repeated = duplicates.check(identity, raw: raw, idHeader: idHeader) else {
                    report.accepted += 1
                    if let response { try sink(.response(response)) }
                    return
                }
                if identity.timeless && repeated.code == "duplicate-in-file" {
                    // Without an id or a time of day, an identical row is another person
                    // who answered the same (a telephone log, a dateless spreadsheet).
                    let occurrence = timelessRepeats[identity.key, default: 1] + 1
                    timelessRepeats[identity.key] = occurrence
                    if timelessLines.count < 5 { timelessLines.append(identity.line) }
                    report.accepted += 1
                    report.identicalRowsKept += 1
                    if var response {
                        response.identity = .row(identity.key, occurrence: occurrence)
                        try sink(.response(response))
                    }
                    return
                }
                rowOutcome = repeated
            case .outcome(let outcome):
                rowOutcome = outcome
            }
            if rowOutcome.kind == .rejected {
                report.rejected += 1
                if report.sampleRejections.count < options.sampleLimit { report.sampleRejections.append(rowOutcome) }
            } else {
                report.setAside[rowOutcome.code, default: 0] += 1
            }
            try sink(.outcome(rowOutcome))
        }
        if report.problems.isEmpty {
            let pipeline = RowPipeline(
                interpreter: rows, lanes: options.workers ?? Self.defaultWorkers, batchSize: options.batchSize)
            try pipeline.run(pending: pending, source: &source, ahead: { duplicates.prefetch($0) }, deliver)
        } else {
            // Unusable: count the rows so the report can say how many were not read.
            report.dataRows = pending.count
            while try source.next() != nil { report.dataRows += 1 }
            report.rejected = 0
        }
        report.blankLines = source.blankLines
        report.dateCells = source.dateCells
        // Decided at the first non-ASCII byte, which may lie past the rows read first.
        report.encoding = source.encodingName
        if report.identicalRowsKept > 0 {
            let n = report.identicalRowsKept
            report.notes.append(
                "\(n) row\(n == 1 ? " is" : "s are") identical in every cell to an earlier row (line\(timelessLines.count == 1 ? "" : "s") \(timelessLines.map(String.init).joined(separator: ", "))\(n > timelessLines.count ? "…" : "")); the file gives no response id or time of day to tell them apart, so each counts as a respondent. If a row was typed twice by mistake, delete the copy and import again."
            )
        }
        if damagedIDs > 0 {
            report.notes.append(
                "\(damagedIDs) response id\(damagedIDs == 1 ? " was" : "s were") damaged by Excel (shown like 1.18052E+11); those responses are identified by their content instead. Re-export from the platform, or format the id column as text, to keep the ids."
            )
        }
        if report.problems.isEmpty && report.dataRows == 0 {
            report.problems.append("the file has headers but no responses")
        }
        return report
    }

    /// One worker per core, when there is more than one core.
    static let defaultWorkers: Int = {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return cores >= 2 ? min(cores, 8) : 0
    }()

    /// Scans the date columns until a value decides the order; reads the whole column
    /// only when every value is ambiguous.
    static func inferDateOrder(
        path: String, displayName: String, chunkSize: Int?, selection: ExportSelection = ExportSelection(),
        skip: Int, columns: [Int]
    ) throws -> DateOrderDecision {
        var source = try RecordSource(path: path, displayName: displayName, chunkSize: chunkSize, selection: selection)
        var skipped = 0
        var sawDate = false
        while let record = try source.next() {
            if skipped < skip {
                skipped += 1
                continue
            }
            for column in columns where column < record.count {
                let cell = record.field(column)
                guard let parts = TimestampParser.split(cell) else { continue }
                sawDate = true
                if let order = TimestampParser.evidence(parts), order != .ymd {
                    return .inferred(order, evidence: cell.trimmingWhitespace(), line: record.line)
                }
                if parts.yearFirst { return .inferred(.ymd, evidence: cell.trimmingWhitespace(), line: record.line) }
            }
        }
        return sawDate ? .ambiguousDefaultedToUK : .none
    }
}
