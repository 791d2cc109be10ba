/// One stored answer as a reader of whole responses sees it, wherever it is kept (an
/// option answer in `responses.choices`, any other a row of `answers`).
struct StoredAnswer {
    var position: Int
    var question: Int64
    var option: Int64?
    var value: Double?
    var text: String?
    /// A row's own `day` (`nil` for an option, whose day is its response's).
    var day: Int?
}

extension Store {
    /// Calls `body` for each response that `responses` selects, with its answers in
    /// order, in one pass over the responses and one over the rows of `answers`, both
    /// in key order (no sort, no search per answer). `responses` must select columns
    /// named `id` and `choices`, ordered by id; `body` reads the others from the
    /// statement by name.
    ///
    /// A response whose answers are not kept as the schema says (see ``Choices``;
    /// only a change outside engage can cause it) is given to `problem` with what is
    /// wrong, and not to `body`; without `problem`, the reading stops with an error.
    func forEachResponse(
        _ responses: String, _ values: [SQLValue],
        problem: ((_ response: Int64, _ detail: String) throws -> Void)? = nil,
        _ body: (Statement, [StoredAnswer]) throws -> Void
    ) throws {
        var questionOf: [Int64: Int64] = [:]
        try db.prepare("SELECT id, question_id FROM options").forEachRow {
            questionOf[$0.int64("id")] = $0.int64("question_id")
        }
        // Not from the statement cache: `body` may itself read the store, with the same statements.
        let rows = try db.prepareUncached(
            "SELECT response_id, position, question_id, value, text, day FROM answers ORDER BY response_id, position")
        defer { rows.rewind() }
        // Each answer row is read many times: its columns are looked up by name once.
        let (rowResponse, rowPosition, rowQuestion) =
            (rows.column("response_id"), rows.column("position"), rows.column("question_id"))
        let (rowValue, rowText, rowDay) = (rows.column("value"), rows.column("text"), rows.column("day"))
        var rowsLeft = try rows.step()
        let statement = try db.prepareUncached(responses)
        defer { statement.rewind() }
        let (responseID, choices) = (statement.column("id"), statement.column("choices"))
        statement.bind(values)
        var answers: [StoredAnswer] = []
        /// What is wrong with the response being read, if anything.
        func misplaced(_ id: Int64) throws -> String? {
            answers.removeAll(keepingCapacity: true)
            guard let options = statement.withText(choices, { Choices.parse($0) }) ?? nil else {
                return "choices is not a JSON array of option ids and nulls"
            }
            for (position, option) in options.enumerated() {
                if option != 0 {
                    guard let question = questionOf[option] else {
                        return "answer \(position): option \(option) is not in options"
                    }
                    answers.append(StoredAnswer(position: position, question: question, option: option))
                    continue
                }
                guard rowsLeft, rows.int64(rowResponse) == id, rows.int(rowPosition) == position else {
                    return "answer \(position) is not in answers"
                }
                answers.append(
                    StoredAnswer(
                        position: position, question: rows.int64(rowQuestion), option: nil,
                        value: rows.optionalDouble(rowValue), text: rows.optionalString(rowText),
                        day: rows.optionalInt(rowDay)))
                rowsLeft = try rows.step()
            }
            if rowsLeft && rows.int64(rowResponse) == id {
                return "answer \(rows.int(rowPosition)) of answers is not a null entry of its choices"
            }
            return nil
        }
        while try statement.step() {
            let id = statement.int64(responseID)
            // Rows of responses not selected come first: pass them by.
            while rowsLeft && rows.int64(rowResponse) < id { rowsLeft = try rows.step() }
            if let detail = try misplaced(id) {
                while rowsLeft && rows.int64(rowResponse) == id { rowsLeft = try rows.step() }
                guard let problem else {
                    throw StoreError.corrupt(path: path, detail: "response \(id): \(detail); run engage check")
                }
                try problem(id, detail)
                continue
            }
            try body(statement, answers)
        }
    }
}
