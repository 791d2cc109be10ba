/// One stored answer as a reader of whole responses sees it, wherever it is kept (an
/// option answer in `responses.choices`, any other a row of `answers`).
struct StoredAnswer {
    var position: Int
    var question: Int64
    var option: Int64?
    var value: Double?
    var text: String?
}

extension Store {
    /// Calls `body` for each response that `responses` selects, with its answers in
    /// order, in one pass over the responses and one over the rows of `answers`, both
    /// in key order (no sort, no search per answer). `responses` must select the id
    /// and `choices` as its first two columns, ordered by id; `body` reads the other
    /// columns from the statement. A response whose `choices` and rows disagree (which
    /// only a change outside engage can cause) stops the reading with an error.
    func forEachResponse(_ responses: String, _ values: [SQLValue],
                         _ body: (Statement, [StoredAnswer]) throws -> Void) throws {
        var questionOf: [Int64: Int64] = [:]
        try db.prepare("SELECT id, question_id FROM options").forEachRow { questionOf[$0.int64(0)] = $0.int64(1) }
        let rows = try db.prepare("SELECT response_id, position, question_id, value, text FROM answers ORDER BY response_id, position")
        rows.reset()
        defer { rows.reset() }
        var rowsLeft = try rows.step()
        let statement = try db.prepare(responses)
        statement.reset()
        defer { statement.reset() }
        statement.bind(values)
        var answers: [StoredAnswer] = []
        var options: [Int64] = []
        func corrupt(_ id: Int64, _ detail: String) -> StoreError {
            .corrupt(path: path, detail: "response \(id): \(detail); run engage check")
        }
        while try statement.step() {
            let id = statement.int64(0)
            options.removeAll(keepingCapacity: true)
            let parsed = statement.withText(1) { text -> Bool in
                guard let entries = Choices.parse(text) else { return false }
                options = entries
                return true
            }
            guard parsed != false else { throw corrupt(id, "its choices are not a list of option ids") }
            answers.removeAll(keepingCapacity: true)
            // Rows of responses not selected come first: pass them by.
            while rowsLeft && rows.int64(0) < id { rowsLeft = try rows.step() }
            for (position, option) in options.enumerated() {
                if option != 0 {
                    guard let question = questionOf[option] else { throw corrupt(id, "option \(option) is not in options") }
                    answers.append(StoredAnswer(position: position, question: question, option: option))
                    continue
                }
                guard rowsLeft, rows.int64(0) == id, rows.int(1) == position else {
                    throw corrupt(id, "answer \(position) is not in answers")
                }
                answers.append(StoredAnswer(position: position, question: rows.int64(2), option: nil,
                                            value: rows.optionalDouble(3), text: rows.optionalString(4)))
                rowsLeft = try rows.step()
            }
            if rowsLeft && rows.int64(0) == id { throw corrupt(id, "answer \(rows.int(1)) of answers is not in its choices") }
            try body(statement, answers)
        }
    }
}
