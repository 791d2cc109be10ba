/// The schema, as numbered migrations tracked by `PRAGMA user_version`.
///
/// Migration *n* takes a database at version *n - 1* to version *n*. Never edit a
/// published migration: add a new one. docs/schema.md documents the result.
enum Migrations {
    struct Migration {
        let version: Int
        let description: String
        let sql: String
        /// Whether it rebuilds a table that others reference: foreign keys are then
        /// switched off around its transaction (dropping the old table must not cascade
        /// to the rows that point at it) and checked before it commits.
        var foreignKeysOff = false
    }

    /// Migration 1's index for KPI counts (migration 3 replaced it with `answer_counts`).
    static let answersByQuestion = "CREATE INDEX answers_by_question ON answers(question_id, day, option_id);"

    /// The key of `answer_counts`: a missing day or option is one key (a day number
    /// no date can have, an option id SQLite never gives), where NULLs would be many.
    static let answerCountsKey = "(question_id, coalesce(day, -2147483648), coalesce(option_id, 0))"

    /// The indexes on `responses` that a bulk import drops inside its transaction and
    /// builds again before it commits: one sort each instead of a million scattered
    /// inserts. Their names are the first word after `INDEX`.
    ///
    /// The identity comes first in `responses_by_identity` (migration 4): identities
    /// differ where survey ids are mostly the same, so sorting a million of them
    /// compares one text field, not two fields, per step (4.8 G instructions instead
    /// of 8.4 G to build the index).
    static let responsesIndexes = [
        "CREATE UNIQUE INDEX responses_by_identity ON responses(identity, survey_id);",
        "CREATE INDEX responses_by_import ON responses(import_id);",
    ]

    /// The indexes on `responses` as migration 3 created them (its SQL never changes).
    static let responsesIndexesV3 = [
        "CREATE UNIQUE INDEX responses_by_identity ON responses(survey_id, identity);",
        "CREATE INDEX responses_by_import ON responses(import_id);",
    ]

    /// The columns of `responses` (migration 1 creates the table with a `UNIQUE`
    /// constraint; migration 3 rebuilds it without, the uniqueness in an index).
    /// The columns of one stored answer, the same in `answers` and `replaced_answers`.
    static let answerColumns = """
            question_id INTEGER NOT NULL,
            option_id   INTEGER,
            value       REAL,
            text        TEXT,
            day         INTEGER
        """

    static let responsesColumns = """
            id             INTEGER PRIMARY KEY,
            survey_id      INTEGER NOT NULL REFERENCES surveys(id),
            identity       TEXT NOT NULL,
            submitted      TEXT,
            submitted_date TEXT,
            source         TEXT,
            import_id      INTEGER NOT NULL REFERENCES imports(id),
            line           INTEGER NOT NULL,
            content_hash   TEXT NOT NULL,
            names          TEXT
        """

    /// The views over `responses` (migration 1 creates them; migration 3 drops and
    /// recreates them around rebuilding that table). Never change their text: a new
    /// view definition belongs in a new migration.
    static let responsesView = """
        CREATE VIEW responses_view AS
        SELECT r.id AS response_id, s.code AS survey, r.identity, r.submitted, r.submitted_date,
               r.source, r.import_id, i.file_name, r.line
        FROM responses r
        JOIN surveys s ON s.id = r.survey_id
        JOIN imports i ON i.id = r.import_id;
        """
    /// `answers_view` over `source`: `answers` in migrations 1 and 3, ``answerRowsView``
    /// in migration 5 (the same columns and rows). Never change the text it makes.
    static func answersView(over source: String) -> String {
        """
        CREATE VIEW answers_view AS
        SELECT r.id AS response_id, s.code AS survey, r.identity, r.submitted, r.submitted_date,
               r.source, r.import_id, q.code AS question, q.text AS question_text,
               o.code AS option_code, o.label AS option_label,
               coalesce(a.value, o.value) AS value, a.text
        FROM \(source) a
        JOIN responses r ON r.id = a.response_id
        JOIN surveys s ON s.id = r.survey_id
        JOIN questions q ON q.id = a.question_id
        LEFT JOIN options o ON o.id = a.option_id;
        """
    }

    /// The day number (days since 1970-01-01) of a `YYYY-MM-DD` column, as `answers.day`
    /// holds it (`strftime`, not `unixepoch`, which needs SQLite 3.38).
    static func dayNumber(_ date: String) -> String {
        "CAST(strftime('%s', \(date)) AS INTEGER) / 86400"
    }

    /// Every answer as a row, wherever it is kept (migration 5): the rows of `answers`
    /// (text, numbers, dates) and the option answers in `responses.choices`, each with
    /// its response's submitted date as a day number. Never change its text.
    static let answerRowsView = """
        CREATE VIEW answer_rows AS
        SELECT response_id, position, question_id, option_id, value, text, day FROM answers
        UNION ALL
        SELECT r.id, c.key, o.question_id, o.id, NULL, NULL, \(dayNumber("r.submitted_date"))
        FROM responses r JOIN json_each(r.choices) c JOIN options o ON o.id = c.value;
        """
    /// The name in a `CREATE [UNIQUE] INDEX name ...` statement.
    static func indexName(_ createIndex: String) -> String {
        let words = createIndex.split(separator: " ")
        return String(words[words[1] == "UNIQUE" ? 3 : 2])
    }

    /// The names of the indexes a database at `version` has, read from the SQL of
    /// migrations 1...`version`: those created (`CREATE [UNIQUE] INDEX name`) and not
    /// dropped again (`DROP INDEX name`) by a later one, in order of creation.
    static func indexNames(upTo version: Int) -> [String] {
        var names: [String] = []
        for migration in all where migration.version <= version {
            for line in migration.sql.split(separator: "\n") {
                let words = line.split(separator: " ")
                if words.count > 3, words[0] == "CREATE",
                    words[1] == "INDEX" || (words[1] == "UNIQUE" && words[2] == "INDEX")
                {
                    // Created again (after its table was rebuilt): keep one entry.
                    let name = indexName(String(line))
                    names.removeAll { $0 == name }
                    names.append(name)
                } else if words.count > 2, words[0] == "DROP", words[1] == "INDEX" {
                    let word = words.count > 4 && words[2] == "IF" && words[3] == "EXISTS" ? words[4] : words[2]
                    let name = String(word.hasSuffix(";") ? word.dropLast() : word)
                    names.removeAll { $0 == name }
                }
            }
        }
        return names
    }

    /// The newest schema this build knows.
    static var latestVersion: Int { all.last?.version ?? 0 }

    static let all: [Migration] = [
        Migration(
            version: 1, description: "surveys, imports, responses, answers, replaced versions, row outcomes",
            sql: """
                CREATE TABLE migrations (
                    version     INTEGER PRIMARY KEY,
                    description TEXT NOT NULL,
                    applied_at  TEXT NOT NULL
                );

                CREATE TABLE surveys (
                    id       INTEGER PRIMARY KEY,
                    code     TEXT NOT NULL UNIQUE,
                    title    TEXT NOT NULL,
                    version  TEXT NOT NULL,
                    audience TEXT NOT NULL
                );

                CREATE TABLE questions (
                    id        INTEGER PRIMARY KEY,
                    survey_id INTEGER NOT NULL REFERENCES surveys(id),
                    code      TEXT NOT NULL,
                    position  INTEGER NOT NULL,
                    text      TEXT NOT NULL,
                    type      TEXT NOT NULL,
                    role      TEXT NOT NULL,
                    scale     TEXT,
                    UNIQUE (survey_id, code)
                );

                CREATE TABLE options (
                    id          INTEGER PRIMARY KEY,
                    question_id INTEGER NOT NULL REFERENCES questions(id),
                    code        TEXT NOT NULL,
                    label       TEXT NOT NULL,
                    value       REAL,
                    substantive INTEGER NOT NULL DEFAULT 1,
                    position    INTEGER NOT NULL,
                    UNIQUE (question_id, code)
                );

                CREATE TABLE imports (
                    id                 INTEGER PRIMARY KEY,
                    file_name          TEXT NOT NULL,
                    sha256             TEXT NOT NULL UNIQUE,
                    format             TEXT NOT NULL,
                    encoding           TEXT NOT NULL,
                    survey_id          INTEGER NOT NULL REFERENCES surveys(id),
                    survey_version     TEXT NOT NULL,
                    source             TEXT,
                    imported_at        TEXT NOT NULL,
                    accepted           INTEGER NOT NULL DEFAULT 0,
                    already_present    INTEGER NOT NULL DEFAULT 0,
                    conflicts_kept     INTEGER NOT NULL DEFAULT 0,
                    conflicts_replaced INTEGER NOT NULL DEFAULT 0,
                    set_aside          INTEGER NOT NULL DEFAULT 0,
                    rejected           INTEGER NOT NULL DEFAULT 0,
                    duplicates_in_file INTEGER NOT NULL DEFAULT 0
                );

                CREATE TABLE responses (
                \(Migrations.responsesColumns),
                    UNIQUE (survey_id, identity)
                );
                CREATE INDEX responses_by_import ON responses(import_id);

                CREATE TABLE answers (
                    response_id INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
                    position    INTEGER NOT NULL,
                \(Migrations.answerColumns),
                    PRIMARY KEY (response_id, position)
                ) WITHOUT ROWID;
                \(Migrations.answersByQuestion)

                CREATE TABLE replaced_responses (
                    id                    INTEGER PRIMARY KEY,
                    response_id           INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
                    import_id             INTEGER NOT NULL REFERENCES imports(id),
                    replaced_by_import_id INTEGER NOT NULL REFERENCES imports(id),
                    replaced_at           TEXT NOT NULL,
                    submitted             TEXT,
                    submitted_date        TEXT,
                    source                TEXT,
                    line                  INTEGER NOT NULL,
                    content_hash          TEXT NOT NULL,
                    names                 TEXT
                );
                CREATE INDEX replaced_responses_by_response ON replaced_responses(response_id);
                CREATE INDEX replaced_responses_by_import ON replaced_responses(import_id);
                CREATE INDEX replaced_responses_by_replacing_import ON replaced_responses(replaced_by_import_id);

                CREATE TABLE replaced_answers (
                    replaced_id INTEGER NOT NULL REFERENCES replaced_responses(id) ON DELETE CASCADE,
                    position    INTEGER NOT NULL,
                \(Migrations.answerColumns),
                    PRIMARY KEY (replaced_id, position)
                ) WITHOUT ROWID;

                CREATE TABLE row_outcomes (
                    id          INTEGER PRIMARY KEY,
                    import_id   INTEGER NOT NULL REFERENCES imports(id),
                    kind        TEXT NOT NULL CHECK (kind IN ('set-aside', 'rejected')),
                    line        INTEGER NOT NULL,
                    column_name TEXT,
                    value       TEXT,
                    code        TEXT NOT NULL,
                    reason      TEXT NOT NULL,
                    raw         TEXT NOT NULL
                );
                CREATE INDEX row_outcomes_by_import ON row_outcomes(import_id, kind, line);

                CREATE VIEW imports_view AS
                SELECT i.id AS import_id, i.file_name, i.sha256, i.format, i.encoding,
                       s.code AS survey, i.survey_version, i.source, i.imported_at,
                       i.accepted, i.already_present, i.conflicts_kept, i.conflicts_replaced,
                       i.set_aside, i.rejected, i.duplicates_in_file
                FROM imports i JOIN surveys s ON s.id = i.survey_id;

                \(Migrations.responsesView)

                \(Migrations.answersView(over: "answers"))

                CREATE VIEW options_view AS
                SELECT s.code AS survey, q.code AS question, q.text AS question_text, q.type, q.role,
                       o.code AS option_code, o.label AS option_label, o.value, o.substantive, o.position
                FROM options o
                JOIN questions q ON q.id = o.question_id
                JOIN surveys s ON s.id = q.survey_id;
                """),
        Migration(
            version: 2, description: "action log (you said, we did) and administrative measures",
            sql: """
                CREATE TABLE actions (
                    id         INTEGER PRIMARY KEY,
                    title      TEXT NOT NULL,
                    detail     TEXT,
                    owner      TEXT,
                    due        TEXT,
                    status     TEXT NOT NULL CHECK (status IN ('red', 'amber', 'green', 'blue')),
                    done       TEXT,
                    created_at TEXT NOT NULL
                );

                CREATE TABLE action_kpis (
                    action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
                    kpi       TEXT NOT NULL,
                    PRIMARY KEY (action_id, kpi)
                ) WITHOUT ROWID;
                CREATE INDEX action_kpis_by_kpi ON action_kpis(kpi);

                CREATE TABLE action_themes (
                    action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
                    theme     TEXT NOT NULL,
                    PRIMARY KEY (action_id, theme)
                ) WITHOUT ROWID;
                CREATE INDEX action_themes_by_theme ON action_themes(theme);

                CREATE TABLE action_updates (
                    id          INTEGER PRIMARY KEY,
                    action_id   INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
                    date        TEXT NOT NULL,
                    status      TEXT CHECK (status IS NULL OR status IN ('red', 'amber', 'green', 'blue')),
                    note        TEXT,
                    recorded_at TEXT NOT NULL
                );
                CREATE INDEX action_updates_by_action ON action_updates(action_id, date);

                CREATE TABLE measures (
                    id          INTEGER PRIMARY KEY,
                    measure     TEXT NOT NULL,
                    period      TEXT NOT NULL,
                    numerator   INTEGER,
                    denominator INTEGER,
                    percent     REAL,
                    note        TEXT,
                    recorded_at TEXT NOT NULL,
                    UNIQUE (measure, period)
                );
                """),
        Migration(
            version: 3,
            description: "answer counts per question, day and option; text answers indexed; identity index on its own",
            sql: """
                DROP INDEX answers_by_question;
                CREATE INDEX answers_with_text ON answers(question_id, day) WHERE text IS NOT NULL;

                CREATE TABLE answer_counts (
                    question_id INTEGER NOT NULL REFERENCES questions(id),
                    day         INTEGER,
                    option_id   INTEGER,
                    answers     INTEGER NOT NULL
                );
                CREATE UNIQUE INDEX answer_counts_by_key ON answer_counts\(Migrations.answerCountsKey);
                INSERT INTO answer_counts (question_id, day, option_id, answers)
                SELECT question_id, day, option_id, count(*) FROM answers GROUP BY question_id, day, option_id;

                CREATE TABLE responses_v3 (
                \(Migrations.responsesColumns)
                );
                INSERT INTO responses_v3 SELECT * FROM responses;
                DROP VIEW answers_view;
                DROP VIEW responses_view;
                DROP TABLE responses;
                ALTER TABLE responses_v3 RENAME TO responses;
                \(Migrations.responsesIndexesV3.joined(separator: "\n"))
                \(Migrations.responsesView)
                \(Migrations.answersView(over: "answers"))
                """, foreignKeysOff: true),
        Migration(
            version: 4, description: "identity index keyed by identity first (builds in half the time)",
            sql: """
                DROP INDEX IF EXISTS responses_by_identity;
                CREATE UNIQUE INDEX responses_by_identity ON responses(identity, survey_id);
                """),
        // json_group_array over one response's rows follows the primary key, which is
        // the order of positions (0, 1, 2...: every writer numbers them so).
        Migration(
            version: 5,
            description:
                "option answers kept with their response (responses.choices): one row per response, not one per answer",
            sql: """
                ALTER TABLE responses ADD COLUMN choices TEXT;
                ALTER TABLE replaced_responses ADD COLUMN choices TEXT;
                UPDATE responses SET choices = (SELECT json_group_array(option_id) FROM answers WHERE response_id = responses.id);
                UPDATE replaced_responses SET choices =
                  (SELECT json_group_array(option_id) FROM replaced_answers WHERE replaced_id = replaced_responses.id);
                DELETE FROM answers WHERE option_id IS NOT NULL;
                DELETE FROM replaced_answers WHERE option_id IS NOT NULL;
                DROP VIEW answers_view;
                \(Migrations.answerRowsView)
                \(Migrations.answersView(over: "answer_rows"))
                """),
        // The officer's editorial record. "You said" moves out of `detail`, where
        // `actions import` kept it as a first line "You said: ...". Every action gets
        // its "added" change, so the history starts where the log did.
        Migration(
            version: 6,
            description:
                "editorial record: actions' you-said text, the dated history of every change to an action, quote decisions",
            sql: """
                ALTER TABLE actions ADD COLUMN you_said TEXT;
                UPDATE actions SET
                  you_said = CASE WHEN instr(detail, char(10)) > 0 THEN substr(detail, 11, instr(detail, char(10)) - 11) ELSE substr(detail, 11) END,
                  detail = CASE WHEN instr(detail, char(10)) > 0 THEN nullif(substr(detail, instr(detail, char(10)) + 1), '') ELSE NULL END
                WHERE substr(detail, 1, 10) = 'You said: ';

                CREATE TABLE action_changes (
                    id         INTEGER PRIMARY KEY,
                    action_id  INTEGER NOT NULL,
                    changed_at TEXT NOT NULL,
                    change     TEXT NOT NULL CHECK (change IN ('added', 'edited', 'updated', 'deleted')),
                    field      TEXT,
                    old_value  TEXT,
                    new_value  TEXT
                );
                CREATE INDEX action_changes_by_action ON action_changes(action_id, id);
                INSERT INTO action_changes (action_id, changed_at, change, field, old_value, new_value)
                SELECT id, created_at, 'added', NULL, NULL, title FROM actions ORDER BY id;

                CREATE TABLE quote_decisions (
                    id          INTEGER PRIMARY KEY,
                    survey      TEXT NOT NULL,
                    identity    TEXT NOT NULL,
                    question    TEXT NOT NULL,
                    decision    TEXT NOT NULL CHECK (decision IN ('approved', 'hidden', 'undecided')),
                    reason      TEXT,
                    text_sha256 TEXT NOT NULL,
                    decided_at  TEXT NOT NULL
                );
                CREATE INDEX quote_decisions_by_key ON quote_decisions(survey, identity, question, id);
                """),
        // How each import read its file's columns (so that the next export of the same
        // survey and source is read the same way, and one that lacks a question is
        // noticed), whether its dates were given rather than read, and the responses it
        // found changed since they were stored, with both versions.
        Migration(
            version: 7,
            description: "how each import read its columns; dates given with --submitted; changed responses",
            sql: """
                CREATE TABLE import_columns (
                    import_id INTEGER NOT NULL REFERENCES imports(id),
                    position  INTEGER NOT NULL,
                    header    TEXT NOT NULL,
                    use       TEXT NOT NULL CHECK (use IN ('answer', 'option', 'metadata', 'ignored', 'unmatched')),
                    question  TEXT,
                    detail    TEXT,
                    PRIMARY KEY (import_id, position)
                ) WITHOUT ROWID;
                ALTER TABLE imports ADD COLUMN submitted_given TEXT;
                CREATE TABLE changed_responses (
                    id          INTEGER PRIMARY KEY,
                    import_id   INTEGER NOT NULL REFERENCES imports(id),
                    response_id INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
                    line        INTEGER NOT NULL,
                    replaced    INTEGER NOT NULL,
                    stored      TEXT NOT NULL,
                    exported    TEXT NOT NULL
                );
                CREATE INDEX changed_responses_by_import ON changed_responses(import_id);
                """),
        // An import's number is never given to another: `engage undo 2` run again from
        // the shell's history must not remove a later import that took number 2. Each
        // undone import keeps its number here, with what it was.
        Migration(
            version: 8, description: "undone imports keep their numbers (never reused)",
            sql: """
                CREATE TABLE undone_imports (
                    id                INTEGER PRIMARY KEY,
                    file_name         TEXT NOT NULL,
                    sha256            TEXT NOT NULL,
                    imported_at       TEXT NOT NULL,
                    undone_at         TEXT NOT NULL,
                    responses_removed INTEGER NOT NULL
                );
                """),
    ]

    static func userVersion(_ db: Database) throws -> Int {
        try db.prepare("PRAGMA user_version").firstRow { $0.int(0) } ?? 0
    }

    /// Brings the database up to `target` (default: the latest), in one transaction.
    /// Refuses a database written by a newer engage.
    static func migrate(_ db: Database, upTo target: Int = latestVersion, now: String) throws {
        let found = try userVersion(db)
        if found > latestVersion {
            throw StoreError.newerSchema(path: db.path, found: found, known: latestVersion)
        }
        if found >= target { return }
        if db.fileIsReadOnly { throw StoreError.readOnly(path: db.path) }
        // PRAGMA foreign_keys has no effect inside a transaction: set it around one.
        let rebuilds = all.contains { $0.version > found && $0.version <= target && $0.foreignKeysOff }
        if rebuilds { try db.execute("PRAGMA foreign_keys = OFF") }
        defer { if rebuilds { try? db.execute("PRAGMA foreign_keys = ON") } }
        try db.transaction {
            // Another process may have migrated while this one waited for the lock.
            let current = try userVersion(db)
            if current > latestVersion {
                throw StoreError.newerSchema(path: db.path, found: current, known: latestVersion)
            }
            for migration in all where migration.version > current && migration.version <= target {
                try db.execute(migration.sql)
                if migration.foreignKeysOff {
                    let broken = try db.prepareUncached("PRAGMA foreign_key_check").rows {
                        "\($0.string(0)) row \($0.int64(1))"
                    }
                    if !broken.isEmpty {
                        throw StoreError.corrupt(
                            path: db.path,
                            detail: "migration \(migration.version) found rows whose references are missing: "
                                + broken.prefix(5).joined(separator: ", "))
                    }
                }
                try db.prepare("INSERT INTO migrations (version, description, applied_at) VALUES (?, ?, ?)")
                    .run([.integer(Int64(migration.version)), .text(migration.description), .text(now)])
                // user_version is part of the file header and commits with the transaction.
                try db.execute("PRAGMA user_version = \(migration.version)")
            }
        }
    }
}
