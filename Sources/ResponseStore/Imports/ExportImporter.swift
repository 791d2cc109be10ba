import Foundation
import ResponseIngestion
import SurveyDefinition

/// Imports export files into a workspace's store: picks the survey when it is not
/// named, reads the file with ingestion and lands the result in one transaction.
/// The command line only parses options and prints; every decision is made here.
package struct ExportImporter {
    /// The store imported into.
    package let store: Store
    /// Ingestion options (format, date order, mapping) given by the officer.
    package var options: IngestionOptions
    /// How the responses were collected ("portal", "telephone", "paper"), if said.
    package var source: String?
    /// Replace stored responses whose answers changed (`--replace-changed`).
    package var replaceChanged: Bool
    /// Questions earlier imports of the survey had that this export may lack
    /// (`--allow-missing`): the form no longer asks them.
    package var allowMissing: Set<String> = []
    /// Called every `progressInterval` data rows with the rows read so far.
    package var progress: ((Int) -> Void)?
    var progressInterval = 50_000
    /// Files of at least this many bytes are hashed first on a thread of their own, while
    /// the format is detected (see ``FileDigest``).
    static let digestBesideImportBytes = 4 << 20

    /// An importer into `store`, with the ingestion `options`, the `source` name and whether changed responses replace stored ones.
    package init(
        store: Store, options: IngestionOptions = IngestionOptions(), source: String? = nil,
        replaceChanged: Bool = false
    ) {
        self.store = store
        self.options = options
        self.source = source
        self.replaceChanged = replaceChanged
    }

    /// What importing one file did.
    package struct Outcome: Sendable {
        /// Ingestion's report (format, encoding, mapping, row counts); `nil` when the file
        /// was skipped as already imported, since it was not read.
        package var report: IngestionReport?
        /// Whether the file landed, or was imported before.
        package var result: ImportResult
    }

    /// Chooses the survey an export belongs to from its headers, among `candidates`: the
    /// one with the most questions matched by a column.
    /// - Throws: ``ImportError/noSurveyFits`` or ``ImportError/severalSurveysFit`` listing the candidates.
    package static func chooseSurvey(
        path: String, displayName: String? = nil, candidates: [Survey],
        format: ExportFormat? = nil, selection: ExportSelection = ExportSelection(),
        mapping: (Survey) -> ImportMapping? = { _ in nil }
    ) throws -> Survey {
        let name = displayName ?? path
        let fits = try SurveyFit.measure(
            path: path, displayName: name, surveys: candidates, format: format, selection: selection, mapping: mapping)
        let fitting = fits.filter(\.fits)
        if fitting.count == 1, let survey = candidates.first(where: { $0.id == fitting[0].survey }) { return survey }
        if fitting.isEmpty { throw ImportError.noSurveyFits(file: name, fits: fits) }
        // Several share columns (a comments box, say): the one with the most matched
        // questions wins; a tie is for the officer to settle with --survey.
        if fitting[0].matchedQuestions > fitting[1].matchedQuestions,
            let survey = candidates.first(where: { $0.id == fitting[0].survey })
        {
            return survey
        }
        throw ImportError.severalSurveysFit(
            file: name, fits: fitting.filter { $0.matchedQuestions == fitting[0].matchedQuestions })
    }

    /// Imports `path` as responses to `survey`. A file already imported (same SHA-256) is
    /// skipped without being read. Before anything is stored, the file's columns are
    /// read from its headers and checked: an unusable file (no column matched, no
    /// submitted date) throws ``ImportError/unusable``; a file in which no KPI or
    /// scale question of `survey` has a column throws ``ImportError/wrongSurvey``
    /// (naming those of `otherSurveys` it does match); a file that lacks a question
    /// earlier imports of the survey from the same source had throws
    /// ``ImportError/missingQuestions`` unless the question is in ``allowMissing``.
    /// Each leaves the store as it was.
    ///
    /// Provenance is what was parsed: the SHA-256 recorded is computed from the very
    /// bytes the import's reading takes from the file (a ``ReadDigest``), and the file
    /// must be the same from start to end (``FileIdentity``: size, modification time,
    /// inode; and, when the file was hashed first to skip a repeat, the same digest).
    /// A file written to, cut short or replaced during the import throws
    /// ``IngestionError/changedWhileReading(file:)`` and nothing of it is kept.
    package func importFile(
        path: String, displayName: String? = nil, survey: Survey,
        otherSurveys: @autoclosure () throws -> [Survey] = []
    ) throws -> Outcome {
        let name = displayName ?? path
        // A regular file only (a named pipe is refused here, before anything waits on it).
        let identity = try FileIdentity.of(path: path, file: name)
        let cannotOpen: @Sendable (String) -> any Error = { reason in
            IngestionError.cannotOpen(file: name, reason: reason)
        }
        // With imports stored, hash the file first so that one imported before is skipped
        // unread; a first load needs no such reading (nothing could match).
        let hashedFirst: FileDigest? =
            if try store.hasImports() {
                identity.size >= Self.digestBesideImportBytes
                    ? FileDigest.computing(path: path, error: cannotOpen)
                    : try FileDigest.computed(path: path, error: cannotOpen)
            } else {
                nil
            }
        if let hashedFirst, let existing = try store.importedBefore(hashedFirst) {
            return Outcome(report: nil, result: .alreadyImported(existing))
        }
        let fileName = name.split(separator: "/").last.map(String.init) ?? name
        // The format is fixed before reading, because it namespaces response ids.
        let format =
            try options.format ?? options.mapping?.format
            ?? SurveyFit.detectFormat(path: path, displayName: name, selection: options.selection)
        var ingestion = options
        ingestion.format = format
        ingestion.memory = try store.columnMemory(survey: survey.id, source: source)
        let ingestor = Ingestor(survey: survey, options: ingestion)
        let plan = try ingestor.columnPlan(path: path, displayName: name)
        if !plan.problems.isEmpty { throw ImportError.unusable(file: name, problems: plan.problems) }
        try Self.checkFit(plan, path: path, name: name, survey: survey, otherSurveys: otherSurveys, format: format)
        for question in allowMissing where survey.question(question) == nil {
            throw ImportError.unknownQuestion(
                file: name, survey: survey.id, question: question, known: survey.questions.map(\.id))
        }
        let missing = ingestion.memory.missing(from: plan, survey: survey.questions.map(\.id)).filter {
            !allowMissing.contains($0.question)
        }
        if !missing.isEmpty {
            throw ImportError.missingQuestions(
                file: name, survey: survey.id, source: source,
                missing: missing.map {
                    .init(
                        question: $0.question, text: survey.question($0.question)?.text ?? $0.question,
                        header: $0.header,
                        importID: $0.importID, nearestColumn: $0.nearestHeader?.index,
                        nearestHeader: $0.nearestHeader?.header)
                })
        }
        if replaceChanged && !allowMissing.isEmpty {
            let lacking = allowMissing.filter { !plan.matchedQuestions.contains($0) }.sorted()
            if !lacking.isEmpty {
                throw ImportError.unusable(
                    file: name,
                    problems: [
                        "--replace-changed would replace stored responses with versions that lack \(lacking.joined(separator: ", ")) (allowed missing), losing those answers; import without --replace-changed"
                    ])
            }
        }
        let digest = hashedFirst ?? FileDigest.fromReading()
        var info = ImportFileInfo(
            fileName: fileName, digest: digest, format: format.rawValue, encoding: "unknown",
            survey: survey, source: source, byteCount: Int(identity.size))
        info.repeatsSetAside = true // ingestion's in-file duplicate check
        info.columns = plan.columns
        if plan.column(for: .submitted) == nil, let given = options.submitted {
            info.submittedGiven = CivilTime.isoDate(CivilTime.day(wallClock: given))
        }
        var report: IngestionReport?
        let result: ImportResult
        do {
            result = try store.importFile(info: info, replaceChanged: replaceChanged) { sink in
                var rows = 0
                let parsed = ReadDigest()
                defer { parsed.abandon() }
                let read = try ingestor.run(path: path, displayName: name, observer: parsed) { event in
                    switch event {
                    case .response(let response): try sink.accept(response)
                    case .outcome(let outcome): try sink.record(outcome)
                    }
                    rows += 1
                    if let progress, rows % progressInterval == 0 { progress(rows) }
                }
                if !read.problems.isEmpty { throw ImportError.unusable(file: name, problems: read.problems) }
                // What was parsed is what is recorded, and the file is as it was when the import began.
                let sha256 = parsed.finish()
                guard Int64(parsed.byteCount) == identity.size,
                    (try? FileIdentity.of(path: path, file: name)) == identity,
                    try hashedFirst.map({ try $0.value() == sha256 }) ?? true
                else {
                    throw IngestionError.changedWhileReading(file: name)
                }
                digest.fulfil(sha256)
                sink.describeFile(encoding: read.encoding)
                report = read
            }
        } catch ImportError.ambiguous(_, let line, let detail) {
            throw ImportError.ambiguous(file: name, line: line, detail: detail)
        } catch StoreError.diskFull(let database) {
            throw ImportError.diskFull(
                file: name, database: database, neededBytes: 3 * identity.size,
                freeBytes: Self.freeBytes(besides: database))
        }
        return Outcome(report: report, result: result)
    }

    /// Free space on the disk holding `database`, counting its write-ahead log (which a
    /// rolled-back import leaves for the next connection to reuse).
    static func freeBytes(besides database: String) -> Int64 {
        var info = statvfs()
        let folder = (database as NSString).deletingLastPathComponent
        guard statvfs(folder, &info) == 0 else { return 0 }
        let wal = (try? FileManager.default.attributesOfItem(atPath: database + "-wal"))?[.size] as? Int64 ?? 0
        return Int64(info.f_bavail) * Int64(info.f_frsize) + wal
    }

    /// Refuses an export of another survey: one in which none of `survey`'s KPI
    /// questions and none of its scale questions has a column (a shared segment or
    /// comment column is not enough), naming the other surveys whose questions it matches.
    static func checkFit(
        _ plan: ColumnPlan, path: String, name: String, survey: Survey, otherSurveys: () throws -> [Survey],
        format: ExportFormat
    ) throws {
        let central = Set(survey.kpis.map(\.question)).union(survey.questions.filter { $0.type == .scale }.map(\.id))
        guard !central.isEmpty, plan.matchedQuestions.isDisjoint(with: central) else { return }
        let others = try otherSurveys().filter { $0.id != survey.id }
        let fits =
            others.isEmpty
            ? [] : try SurveyFit.measure(path: path, displayName: name, surveys: others, format: format).filter(\.fits)
        throw ImportError.wrongSurvey(
            file: name, survey: survey.id, matched: plan.matchedQuestions.sorted(), fits: fits)
    }
}

/// Why an export could not be imported at all. Nothing was stored.
package enum ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file was read but cannot be used as it stands (no question matched, no date column...).
    case unusable(file: String, problems: [String])
    /// `--survey` was omitted and no survey in the workspace matches the headers.
    case noSurveyFits(file: String, fits: [SurveyFit])
    /// `--survey` was omitted and more than one survey matches the headers.
    case severalSurveysFit(file: String, fits: [SurveyFit])
    /// The disk filled up during the import, which rolled back.
    case diskFull(file: String, database: String, neededBytes: Int64, freeBytes: Int64)
    /// A row cannot be told apart from, nor matched with, a stored response; the
    /// import stopped rather than guess (the file is named by the importer).
    case ambiguous(file: String, line: Int, detail: String)
    /// None of the survey's KPI or scale questions has a column: the export of another survey.
    case wrongSurvey(file: String, survey: String, matched: [String], fits: [SurveyFit])
    /// Questions earlier imports of the survey (from the same source) had and this file lacks.
    case missingQuestions(file: String, survey: String, source: String?, missing: [MissingQuestion])
    /// `--allow-missing` names no question of the survey.
    case unknownQuestion(file: String, survey: String, question: String, known: [String])

    /// A question an export lacks, with what earlier imports read it from and the
    /// new file's unmatched header most like that one.
    package struct MissingQuestion: Sendable, Equatable {
        /// The question's id.
        package var question: String
        /// The question's text.
        package var text: String
        /// The header that fed it in an earlier import.
        package var header: String
        /// That import's number.
        package var importID: Int64
        /// 0-based column index of the nearest unmatched header, if any is alike.
        var nearestColumn: Int?
        /// The new file's unmatched header most like it, if any is alike.
        package var nearestHeader: String?
    }

    /// The message a user reads, with what to do.
    package var description: String {
        func list(_ fits: [SurveyFit]) -> String {
            fits.map { "  \($0.survey): \($0.matchedQuestions) of \($0.questions) questions matched" }.joined(
                separator: "\n")
        }
        switch self {
        case .unusable(let file, let problems):
            return "\(file): nothing imported: " + problems.joined(separator: "; ")
                + ". Run `engage inspect` on the file to see the column mapping."
        case .noSurveyFits(let file, let fits):
            return
                "\(file): no survey in this workspace matches the file's headers; name it with --survey ID (or give a --mapping file). Candidates:\n"
                + list(fits)
        case .diskFull(let file, let database, let needed, let free):
            func mb(_ bytes: Int64) -> String { "\(max(1, (bytes + 999_999) / 1_000_000)) MB" }
            return
                "\(file): nothing imported: the disk holding \(database) filled up during the import, which was rolled back (the workspace is as it was). "
                + "An import of this file needs about \(mb(needed)) free there while it runs (the database grows by about one and a half times the file, and its write-ahead log holds as much again until the import commits); about \(mb(free)) free now. "
                + "Free at least \(mb(max(needed - free, 0))) (old exports, or backups and snapshots in backups/ you no longer need), or move the workspace to a larger disk, then import the file again."
        case .severalSurveysFit(let file, let fits):
            return "\(file): more than one survey matches the file's headers; name one with --survey ID. Candidates:\n"
                + list(fits)
        case .wrongSurvey(let file, let survey, let matched, let fits):
            let matchedText = matched.isEmpty ? "no question" : "only " + matched.joined(separator: ", ")
            var text =
                "\(file): nothing imported: this does not look like an export of survey \(survey): none of its KPI or agreement-scale questions has a column (\(matchedText) matched)."
            if fits.isEmpty {
                text +=
                    " No other survey in the workspace matches it either; check the file, or map its columns with --map COLUMN=QUESTION or --mapping."
            } else {
                text +=
                    " Its headers match "
                    + fits.map { "\($0.survey) (\($0.matchedQuestions) of \($0.questions) questions)" }.joined(
                        separator: ", ")
                    + ": name the right survey with --survey ID, or map the columns with --map/--mapping if it really is \(survey)."
            }
            return text
        case .missingQuestions(let file, let survey, let source, let missing):
            let from = source.map { "from source \"\($0)\"" } ?? "(without --source)"
            var lines = [
                "\(file): nothing imported: earlier imports of survey \(survey) \(from) had \(missing.count == 1 ? "a question" : "questions") this file has no column for:"
            ]
            for m in missing {
                var line =
                    "  - \(m.question) (\"\(m.text.singleLineText.clipped(80))\"), read from \"\(m.header.singleLineText.clipped(80))\" in import \(m.importID)."
                if let column = m.nearestColumn, let header = m.nearestHeader {
                    line +=
                        " The nearest unmatched header is column \(column + 1) \"\(header.singleLineText.clipped(80))\": did the form's wording change? If so, map it with --map \(column + 1)=\(m.question) (engage remembers it for the next export)."
                } else {
                    line +=
                        " No unmatched header resembles it; if the form's wording changed, map the column with --map COLUMN=\(m.question)."
                }
                lines.append(line)
            }
            lines.append(
                "If the form no longer asks \(missing.count == 1 ? "it" : "them"), import with "
                    + missing.map { "--allow-missing \($0.question)" }.joined(separator: " ") + ".")
            return lines.joined(separator: "\n")
        case .unknownQuestion(let file, let survey, let question, let known):
            return
                "\(file): --allow-missing \(question): survey \(survey) has no question \"\(question)\".\(StringDistance.didYouMean(question, among: known)) Questions: \(known.joined(separator: ", "))"
        case .ambiguous(let file, let line, let detail):
            return
                "\(file) line \(line): \(detail). Nothing was imported: map this file's columns to the survey's questions (--map or --mapping) so that the files can be compared"
        }
    }
}

extension String {
    /// The text on one line (line breaks as spaces), for messages.
    var singleLineText: String {
        replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ").replacingOccurrences(
            of: "\r", with: " ")
    }

    /// At most `n` characters, with "…" where it was cut.
    func clipped(_ n: Int) -> String { count <= n ? self : String(prefix(n - 1)) + "…" }
}
