import ResponseIngestion
import SurveyDefinition

/// What the store records about an export file being imported.
public struct ImportFileInfo: Sendable {
    /// The file's name as the user gave it (kept for provenance, not opened by the store).
    public var fileName: String
    /// Lower-case hexadecimal SHA-256 of the file's bytes (see ``SHA256``), known or
    /// being computed beside the import.
    public var digest: FileDigest
    /// The export format ingestion detected or was told ("generic", "surveymonkey"...).
    public var format: String
    /// The text encoding ingestion read the file with ("utf-8", "windows-1252"...).
    public var encoding: String
    /// The survey the responses answer; its questions and option labels are copied into
    /// the store so that SQL users see labels.
    public var survey: Survey
    /// How the responses were collected ("portal", "telephone", "paper"), if known.
    public var source: String?
    /// The file's size in bytes, when known: a large import into a small store is
    /// loaded in bulk (see ``Store/importFile(info:replaceChanged:body:)``).
    public var byteCount: Int?
    /// Whether whoever reads the file has already set aside every response whose
    /// identity repeats an earlier one in it (``Ingestor`` does). The store then does
    /// not keep this import's identities to catch repeats itself, which at a million
    /// responses is a table too big for the processor's caches. A repeat that got
    /// through anyway is still refused by the unique identity index: the import fails
    /// and nothing lands.
    public var repeatsSetAside = false
    /// How the file's columns are read (``Ingestor/columnPlan(path:displayName:)``):
    /// kept with the import, so that later exports of the survey are read the same way
    /// and compared on the questions both have. Empty when not known.
    public var columns: [ColumnPlan.Column] = []
    /// The day every response was given with `--submitted` (`YYYY-MM-DD`), when the
    /// file's rows carry no date: recorded, and such responses are never matched with
    /// others by their (given) time.
    public var submittedGiven: String?

    /// The questions the file has a column for.
    var questionsInFile: Set<String> {
        var questions: Set<String> = []
        for c in columns {
            switch c.use {
            case .answer(let q), .optionTick(let q, _): questions.insert(q)
            default: break
            }
        }
        return questions
    }

    public init(
        fileName: String, sha256: String, format: String, encoding: String, survey: Survey, source: String? = nil,
        byteCount: Int? = nil
    ) {
        self.init(
            fileName: fileName, digest: FileDigest(known: sha256), format: format, encoding: encoding, survey: survey,
            source: source, byteCount: byteCount)
    }

    public init(
        fileName: String, digest: FileDigest, format: String, encoding: String, survey: Survey, source: String? = nil,
        byteCount: Int? = nil
    ) {
        self.byteCount = byteCount
        self.fileName = fileName
        self.digest = digest
        self.format = format
        self.encoding = encoding
        self.survey = survey
        self.source = source
    }
}

/// The outcome of ``Store/importFile(info:replaceChanged:body:)``.
public enum ImportResult: Sendable, Equatable {
    /// The file landed (in one transaction).
    case imported(ImportSummary)
    /// A file with the same SHA-256 was imported before; nothing was read or changed.
    case alreadyImported(ImportRecord)
}

/// What one import did, with the counts the summary line prints.
public struct ImportSummary: Sendable, Equatable {
    /// The import's number (`engage rejects 7`, `engage undo 7`).
    public var importID: Int64
    public var fileName: String
    public var survey: String
    /// New responses stored.
    public var accepted: Int
    /// Responses already stored with the same answers (e.g. from an earlier cumulative export).
    public var alreadyPresent: Int
    /// Identity keys of known responses whose answers changed, where the stored version was kept.
    public var conflictsKept: [String]
    /// Identity keys of known responses whose answers changed and were replaced (`--replace-changed`).
    public var conflictsReplaced: [String]
    /// Rows set aside, by reason code ("incomplete": 2, "duplicate-in-file": 1).
    public var setAside: [String: Int]
    /// Rows rejected (listed by `rowOutcomes(importID:kind:)`).
    public var rejected: Int
    /// Rows set aside because they repeat a response earlier in the same file
    /// (reason codes starting with "duplicate"); included in ``setAside``.
    public var duplicatesInFile: Int
    /// Of ``alreadyPresent``, responses without a platform id recognised by their
    /// submitted time and their answers to the questions both imports have, where the
    /// two files' columns differ (a reworded, added, removed or moved column).
    public var recognisedByAnswers = 0
    /// Of those, how many were compared on fewer questions than this file has
    /// (an earlier import lacked some of its questions, or this file lacks some of theirs).
    public var recognisedOnFewerQuestions = 0

    /// All rows set aside, whatever the reason.
    public var setAsideTotal: Int { setAside.values.reduce(0, +) }
}

/// One import as listed by `engage imports`.
public struct ImportRecord: Sendable, Equatable {
    public var id: Int64
    public var fileName: String
    public var sha256: String
    public var format: String
    public var encoding: String
    public var survey: String
    public var surveyVersion: String
    public var source: String?
    /// When the import landed, `YYYY-MM-DDTHH:MM:SSZ` (UTC).
    public var importedAt: String
    public var accepted: Int
    public var alreadyPresent: Int
    public var conflictsKept: Int
    public var conflictsReplaced: Int
    public var setAside: Int
    public var rejected: Int
    public var duplicatesInFile: Int
    /// Responses of this import still in the store (fewer than `accepted` after retention).
    public var responsesStored: Int
    /// The day given with `--submitted` for every response (`YYYY-MM-DD`), when the
    /// file had no dates; `nil` when the dates were read from the file.
    public var submittedGiven: String? = nil
}

/// A set-aside or rejected row as stored with its import.
public struct StoredRowOutcome: Sendable, Equatable {
    public var importID: Int64
    public var kind: RowOutcomeKind
    public var line: Int
    public var column: String?
    public var value: String?
    public var code: String
    public var reason: String
    public var raw: String
}

/// Whether a row was set aside on purpose or rejected as invalid.
public enum RowOutcomeKind: String, Sendable, Equatable, CaseIterable {
    case setAside = "set-aside"
    case rejected
}

/// What ``Store/undoImport(id:)`` removed and restored.
public struct UndoSummary: Sendable, Equatable {
    public var importID: Int64
    public var fileName: String
    /// Responses the import had added, now removed.
    public var responsesRemoved: Int
    /// Responses the import had replaced, now back to their earlier version.
    public var responsesRestored: Int
    /// Set-aside and rejected rows removed with the import.
    public var rowOutcomesRemoved: Int
}
