import Foundation
import ResponseIngestion
import SurveyDefinition

/// Imports export files into a workspace's store: picks the survey when it is not
/// named, reads the file with ingestion and lands the result in one transaction.
/// The command line only parses options and prints; every decision is made here.
public struct ExportImporter {
    public let store: Store
    /// Ingestion options (format, date order, mapping) given by the officer.
    public var options: IngestionOptions
    /// How the responses were collected ("portal", "telephone", "paper"), if said.
    public var source: String?
    /// Replace stored responses whose answers changed (`--replace-changed`).
    public var replaceChanged: Bool
    /// Called every `progressInterval` data rows with the rows read so far.
    public var progress: ((Int) -> Void)?
    public var progressInterval = 50_000
    /// Files of at least this many bytes are hashed first on a thread of their own, while
    /// the format is detected (see ``FileDigest``).
    static let digestBesideImportBytes = 4 << 20

    public init(store: Store, options: IngestionOptions = IngestionOptions(), source: String? = nil, replaceChanged: Bool = false) {
        self.store = store
        self.options = options
        self.source = source
        self.replaceChanged = replaceChanged
    }

    /// What importing one file did.
    public struct Outcome: Sendable {
        /// Ingestion's report (format, encoding, mapping, row counts); `nil` when the file
        /// was skipped as already imported, since it was not read.
        public var report: IngestionReport?
        public var result: ImportResult
    }

    /// Chooses the survey an export belongs to from its headers, among `candidates`: the
    /// one with the most questions matched by a column.
    /// - Throws: ``ImportError/noSurveyFits`` or ``ImportError/severalSurveysFit`` listing the candidates.
    public static func chooseSurvey(path: String, displayName: String? = nil, candidates: [Survey],
                                    format: ExportFormat? = nil, selection: ExportSelection = ExportSelection(),
                                    mapping: (Survey) -> ImportMapping? = { _ in nil }) throws -> Survey {
        let name = displayName ?? path
        let fits = try SurveyFit.measure(path: path, displayName: name, surveys: candidates, format: format, selection: selection, mapping: mapping)
        let fitting = fits.filter(\.fits)
        if fitting.count == 1, let survey = candidates.first(where: { $0.id == fitting[0].survey }) { return survey }
        if fitting.isEmpty { throw ImportError.noSurveyFits(file: name, fits: fits) }
        // Several share columns (a comments box, say): the one with the most matched
        // questions wins; a tie is for the officer to settle with --survey.
        if fitting[0].matchedQuestions > fitting[1].matchedQuestions,
           let survey = candidates.first(where: { $0.id == fitting[0].survey }) {
            return survey
        }
        throw ImportError.severalSurveysFit(file: name, fits: fitting.filter { $0.matchedQuestions == fitting[0].matchedQuestions })
    }

    /// Imports `path` as responses to `survey`. A file already imported (same SHA-256) is
    /// skipped without being read. An unusable file (no column matched, no submitted date)
    /// throws ``ImportError/unusable`` and leaves the store as it was.
    ///
    /// Provenance is what was parsed: the SHA-256 recorded is computed from the very
    /// bytes the import's reading takes from the file (a ``ReadDigest``), and the file
    /// must be the same from start to end (``FileIdentity``: size, modification time,
    /// inode; and, when the file was hashed first to skip a repeat, the same digest).
    /// A file written to, cut short or replaced during the import throws
    /// ``IngestionError/changedWhileReading(file:)`` and nothing of it is kept.
    public func importFile(path: String, displayName: String? = nil, survey: Survey) throws -> Outcome {
        let name = displayName ?? path
        // A regular file only (a named pipe is refused here, before anything waits on it).
        let identity = try FileIdentity.of(path: path, file: name)
        let cannotOpen: @Sendable (String) -> any Error = { reason in IngestionError.cannotOpen(file: name, reason: reason) }
        // With imports stored, hash the file first so that one imported before is skipped
        // unread; a first load needs no such reading (nothing could match).
        let hashedFirst: FileDigest? = if try store.hasImports() {
            identity.size >= Self.digestBesideImportBytes
                ? FileDigest.computing(path: path, error: cannotOpen) : try FileDigest.computed(path: path, error: cannotOpen)
        } else {
            nil
        }
        if let hashedFirst, let existing = try store.importedBefore(hashedFirst) {
            return Outcome(report: nil, result: .alreadyImported(existing))
        }
        let fileName = name.split(separator: "/").last.map(String.init) ?? name
        // The format is fixed before reading, because it namespaces response ids.
        let format = try options.format ?? options.mapping?.format ?? SurveyFit.detectFormat(path: path, displayName: name, selection: options.selection)
        var ingestion = options
        ingestion.format = format
        let digest = hashedFirst ?? FileDigest.fromReading()
        var info = ImportFileInfo(fileName: fileName, digest: digest, format: format.rawValue, encoding: "unknown",
                                  survey: survey, source: source, byteCount: Int(identity.size))
        info.repeatsSetAside = true   // ingestion's in-file duplicate check
        var report: IngestionReport?
        let ingestor = Ingestor(survey: survey, options: ingestion)
        let result = try store.importFile(info: info, replaceChanged: replaceChanged) { sink in
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
            guard Int64(parsed.byteCount) == identity.size, (try? FileIdentity.of(path: path, file: name)) == identity,
                  try hashedFirst.map({ try $0.value() == sha256 }) ?? true else {
                throw IngestionError.changedWhileReading(file: name)
            }
            digest.fulfil(sha256)
            sink.describeFile(encoding: read.encoding)
            report = read
        }
        return Outcome(report: report, result: result)
    }
}

/// Why an export could not be imported at all. Nothing was stored.
public enum ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file was read but cannot be used as it stands (no question matched, no date column...).
    case unusable(file: String, problems: [String])
    /// `--survey` was omitted and no survey in the workspace matches the headers.
    case noSurveyFits(file: String, fits: [SurveyFit])
    /// `--survey` was omitted and more than one survey matches the headers.
    case severalSurveysFit(file: String, fits: [SurveyFit])

    public var description: String {
        func list(_ fits: [SurveyFit]) -> String {
            fits.map { "  \($0.survey): \($0.matchedQuestions) of \($0.questions) questions matched" }.joined(separator: "\n")
        }
        switch self {
        case .unusable(let file, let problems):
            return "\(file): nothing imported: " + problems.joined(separator: "; ")
                + ". Run `engage inspect` on the file to see the column mapping."
        case .noSurveyFits(let file, let fits):
            return "\(file): no survey in this workspace matches the file's headers; name it with --survey ID (or give a --mapping file). Candidates:\n" + list(fits)
        case .severalSurveysFit(let file, let fits):
            return "\(file): more than one survey matches the file's headers; name one with --survey ID. Candidates:\n" + list(fits)
        }
    }
}
