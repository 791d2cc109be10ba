import ResponseIngestion
import SurveyDefinition

/// What the store records about an export file being imported.
package struct ImportFileInfo: Sendable {
    /// The file's name as the user gave it (kept for provenance, not opened by the store).
    package var fileName: String
    /// Lower-case hexadecimal SHA-256 of the file's bytes (see ``SHA256``), known or
    /// being computed beside the import.
    package var digest: FileDigest
    /// The export format ingestion detected or was told ("generic", "surveymonkey"...).
    package var format: String
    /// The text encoding ingestion read the file with ("utf-8", "windows-1252"...).
    package var encoding: String
    /// The survey the responses answer; its questions and option labels are copied into
    /// the store so that SQL users see labels.
    package var survey: Survey
    /// How the responses were collected ("portal", "telephone", "paper"), if known.
    package var source: String?
    /// The file's size in bytes, when known: a large import into a small store is
    /// loaded in bulk (see ``Store/importFile(info:replaceChanged:body:)``).
    package var byteCount: Int?
    /// Whether whoever reads the file has already set aside every response whose
    /// identity repeats an earlier one in it (``Ingestor`` does). The store then does
    /// not keep this import's identities to catch repeats itself, which at a million
    /// responses is a table too big for the processor's caches. A repeat that got
    /// through anyway is still refused by the unique identity index: the import fails
    /// and nothing lands.
    package var repeatsSetAside = false
    /// How the file's columns are read (``Ingestor/columnPlan(path:displayName:)``):
    /// kept with the import, so that later exports of the survey are read the same way
    /// and compared on the questions both have. Empty when not known.
    package var columns: [ColumnPlan.Column] = []
    /// The day every response was given with `--submitted` (`YYYY-MM-DD`), when the
    /// file's rows carry no date: recorded, and such responses are never matched with
    /// others by their (given) time.
    package var submittedGiven: String?

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

    /// The file `fileName` whose SHA-256 is known already.
    package init(
        fileName: String, sha256: String, format: String, encoding: String, survey: Survey, source: String? = nil,
        byteCount: Int? = nil
    ) {
        self.init(
            fileName: fileName, digest: FileDigest(known: sha256), format: format, encoding: encoding, survey: survey,
            source: source, byteCount: byteCount)
    }

    /// The file `fileName` whose SHA-256 `digest` gives, when ready.
    package init(
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
package enum ImportResult: Sendable, Equatable {
    /// The file landed (in one transaction).
    case imported(ImportSummary)
    /// A file with the same SHA-256 was imported before; nothing was read or changed.
    case alreadyImported(ImportRecord)
}

/// What one import did, with the counts the summary line prints.
package struct ImportSummary: Sendable, Equatable {
    /// The import's number (`engage rejects 7`, `engage undo 7`).
    package var importID: Int64
    /// The file as the user named it.
    package var fileName: String
    /// The survey's id.
    package var survey: String
    /// New responses stored.
    package var accepted: Int
    /// Responses already stored with the same answers (e.g. from an earlier cumulative export).
    package var alreadyPresent: Int
    /// Identity keys of known responses whose answers changed, where the stored version was kept.
    package var conflictsKept: [String]
    /// Identity keys of known responses whose answers changed and were replaced (`--replace-changed`).
    package var conflictsReplaced: [String]
    /// Rows set aside, by reason code ("incomplete": 2, "duplicate-in-file": 1).
    package var setAside: [String: Int]
    /// Rows rejected (listed by `rowOutcomes(importID:kind:)`).
    package var rejected: Int
    /// Rows set aside because they repeat a response earlier in the same file
    /// (reason codes starting with "duplicate"); included in ``setAside``.
    package var duplicatesInFile: Int
    /// Of ``alreadyPresent``, responses without a platform id recognised by their
    /// submitted time and their answers to the questions both imports have, where the
    /// two files' columns differ (a reworded, added, removed or moved column).
    var recognisedByAnswers = 0
    /// Of those, how many were compared on fewer questions than this file has
    /// (an earlier import lacked some of its questions, or this file lacks some of theirs).
    var recognisedOnFewerQuestions = 0

    /// All rows set aside, whatever the reason.
    package var setAsideTotal: Int { setAside.values.reduce(0, +) }
}

/// One import as listed by `engage imports`.
package struct ImportRecord: Sendable, Equatable {
    /// The import's number.
    package var id: Int64
    /// The file as the user named it.
    package var fileName: String
    /// The file's SHA-256, hex.
    package var sha256: String
    /// The export format read.
    package var format: String
    /// The text encoding read.
    package var encoding: String
    /// The survey's id.
    package var survey: String
    /// The survey definition's version at import.
    package var surveyVersion: String
    /// The `--source` name, if given.
    package var source: String?
    /// When the import landed, `YYYY-MM-DDTHH:MM:SSZ` (UTC).
    package var importedAt: String
    /// New responses stored.
    package var accepted: Int
    /// Responses already stored with the same answers.
    package var alreadyPresent: Int
    /// Stored responses found changed and kept as they were.
    package var conflictsKept: Int
    /// Stored responses found changed and replaced.
    package var conflictsReplaced: Int
    /// Rows set aside.
    package var setAside: Int
    /// Rows rejected.
    package var rejected: Int
    /// Rows repeated within the file.
    package var duplicatesInFile: Int
    /// Responses of this import still in the store (fewer than `accepted` after retention).
    package var responsesStored: Int
    /// The day given with `--submitted` for every response (`YYYY-MM-DD`), when the
    /// file had no dates; `nil` when the dates were read from the file.
    package var submittedGiven: String? = nil
}

/// An import's file, as a report's provenance names it: ``ImportRecord`` without the
/// counts (reading them counts each import's stored responses).
package struct ImportedFile: Sendable, Equatable {
    /// The import's number.
    package var id: Int64
    /// The survey's id.
    package var survey: String
    /// The file as the user named it.
    package var fileName: String
    /// The file's SHA-256, hex.
    package var sha256: String
    /// The `--source` name, if given.
    package var source: String?
    /// When the import landed, `YYYY-MM-DDTHH:MM:SSZ` (UTC).
    package var importedAt: String
}

/// A set-aside or rejected row as stored with its import.
package struct StoredRowOutcome: Sendable, Equatable {
    /// The import the row came with.
    package var importID: Int64
    /// Set aside or rejected.
    package var kind: RowOutcomeKind
    /// The line of the file where the row starts.
    package var line: Int
    /// The column concerned, when one is.
    package var column: String?
    /// The offending value, when one is.
    package var value: String?
    /// The reason code ("incomplete", "unknown-answer"...).
    package var code: String
    /// The reason in plain English.
    package var reason: String
    /// The row as read.
    package var raw: String
}

/// Whether a row was set aside on purpose or rejected as invalid.
package enum RowOutcomeKind: String, Sendable, Equatable, CaseIterable {
    case setAside = "set-aside"
    case rejected
}

/// What ``Store/undoImport(id:)`` removed and restored.
package struct UndoSummary: Sendable, Equatable {
    /// The import undone.
    package var importID: Int64
    /// Its file as the user named it.
    package var fileName: String
    /// Responses the import had added, now removed.
    package var responsesRemoved: Int
    /// Responses the import had replaced, now back to their earlier version.
    package var responsesRestored: Int
    /// Set-aside and rejected rows removed with the import.
    package var rowOutcomesRemoved: Int
}
