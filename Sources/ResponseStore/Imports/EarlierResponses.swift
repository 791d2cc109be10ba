import ResponseIngestion
import SurveyDefinition

/// The stored responses of a survey that an import may be reading again without
/// being able to recognise them by identity: an export whose columns differ from the
/// one that stored them (a reworded header, a column added, removed or moved) gives
/// a response without a platform id another whole-row identity.
///
/// Such a response is recognised by its **submitted time** and its **answers to the
/// questions both files have**: kept here sorted by submitted time (the time, the row
/// id, the import and the content hash of each), and looked up by the time of each
/// row that its identity did not find. Built only when an import needs it, and then
/// read once from `responses`.
struct EarlierResponses {
    struct Entry {
        var time: Int64
        var id: Int64
        var importID: Int64
        /// The stored content hash (submitted time and every answer), as a number.
        var content: UInt64
        /// Whether the stored identity is a platform's id.
        var platform: Bool
    }

    private(set) var entries: [Entry] = []
    /// How precisely each import gave its times, as its stored times show: to the
    /// second when any has seconds, else to the minute when any has a time of day, else
    /// the day (an export re-saved by Excel keeps only minutes).
    private(set) var precision: [Int64: TimePrecision] = [:]

    /// Reads the responses of survey `surveyID` stored by imports other than
    /// `importID`, leaving out those whose dates were given (`--submitted`): a given
    /// date says nothing about who answered. Without `platformIDs`, only responses
    /// stored without a platform id (all a row with an id may be).
    init(db: Database, surveyID: Int64, importID: Int64, platformIDs: Bool) throws {
        let withoutIDs =
            platformIDs
            ? ""
            : "AND ((r.identity >= 'fp:' AND r.identity < 'fp;') OR (r.identity >= 'row:' AND r.identity < 'row;'))"
        let query = try db.prepare(
            """
            SELECT r.submitted, r.id, r.import_id, r.content_hash, r.identity FROM responses r JOIN imports i ON i.id = r.import_id
            WHERE r.survey_id = ? AND r.import_id <> ? AND r.submitted IS NOT NULL AND i.submitted_given IS NULL \(withoutIDs)
            """)
        // By name, each name looked up once rather than for each stored response.
        let (submitted, id, fromImport, contentHash, identityColumn) = (
            query.column("submitted"), query.column("id"), query.column("import_id"), query.column("content_hash"),
            query.column("identity")
        )
        try query.forEachRow([.integer(surveyID), .integer(importID)]) { s in
            guard let time = s.withText(submitted, { Self.wallClock($0) }) ?? nil else { return }
            let identity = s.string(identityColumn)
            entries.append(
                Entry(
                    time: time, id: s.int64(id), importID: s.int64(fromImport),
                    content: Self.hashValue(s.string(contentHash)) ?? 0,
                    platform: !identity.hasPrefix("fp:") && !identity.hasPrefix("row:")))
        }
        entries.sort { ($0.time, $0.id) < ($1.time, $1.id) }
        for entry in entries {
            let found: TimePrecision = entry.time % 60 != 0 ? .second : entry.time % 86_400 != 0 ? .minute : .day
            if let known = precision[entry.importID], known <= found { continue }
            precision[entry.importID] = found
        }
    }

    /// The entries that may be a response submitted at `time`, given to `given`
    /// precision: those at the same moment as far as the coarser of the two times
    /// says (a time to the minute stands for every second of that minute, a date for
    /// its whole day), oldest first.
    func candidates(at time: Int64, given: TimePrecision) -> [Entry] {
        var found: [Entry] = []
        for level in [TimePrecision.second, .minute, .day] {
            // Entries of imports at `level`, compared at the coarser of the two precisions.
            let span = max(level, given).span
            let start = time - time % span
            for entry in within(start..<(start + span)) where (precision[entry.importID] ?? .second) == level {
                found.append(entry)
            }
        }
        return found.sorted { ($0.time, $0.id) < ($1.time, $1.id) }
    }

    /// The entries submitted in `range`.
    private func within(_ range: Range<Int64>) -> ArraySlice<Entry> {
        func first(atLeast time: Int64) -> Int {
            var lo = 0
            var hi = entries.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if entries[mid].time < time { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        return entries[first(atLeast: range.lowerBound)..<first(atLeast: range.upperBound)]
    }

    var isEmpty: Bool { entries.isEmpty }

    /// `YYYY-MM-DD HH:MM:SS` (as `responses.submitted` holds it) as UK wall-clock seconds.
    static func wallClock(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard text.count == 19 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let b = text[i]
                guard b >= 0x30 && b <= 0x39 else { return nil }
                value = value * 10 + Int(b - 0x30)
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10),
            let h = number(11..<13), let mi = number(14..<16), let s = number(17..<19)
        else { return nil }
        return Int64(CivilTime.dayNumber(year: y, month: m, day: d)) * 86_400 + Int64(h * 3600 + mi * 60 + s)
    }

    /// A content hash's 16 hex digits as a number.
    static func hashValue(_ hex: String) -> UInt64? {
        UInt64(hex, radix: 16)
    }
}
