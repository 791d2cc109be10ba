import Foundation
import SurveyDefinition

/// Writes a synthetic, seeded, deterministic Google Forms export of the
/// `ehcp-parent-carer` survey: UK day-first timestamps spread over several years in
/// submission order,
/// the stage segment, the five agreement statements as a grid (one column per
/// statement, the first header cell with a line break as Google writes it) with
/// realistic answer mixes including blanks, Don't know and Not applicable, free-text
/// comments with commas, doubled quotes and line breaks, and the consent question;
/// UTF-8 with a byte-order mark and CRLF line ends.
struct ExportGenerator {
    var responses: Int
    var seed: UInt64
    /// First and last submitted day (inclusive), as (year, month, day).
    var from = (2019, 9, 1)
    var to = (2023, 8, 31)

    static let header =
        "Timestamp,Stage of the process,\"How far do you agree?\n[I felt fully involved in the process]\","
        + "How far do you agree? [Communication throughout the process was good],"
        + "How far do you agree? [The EHC plan accurately reflects my child’s needs],"
        + "How far do you agree? [The outcomes in the EHC plan are good],"
        + "How far do you agree? [The provision in the EHC plan will meet my child’s needs],"
        + "Is there anything else you would like to tell us about your experience?,"
        + "\"Are you happy for your comments to be quoted anonymously in our \"\"You said, we did\"\" updates?\""

    static let answers = [
        "Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree",
        "Don’t know", "Not applicable", "",
    ]
    static let stages = ["New EHC plan", "Annual review"]
    static let comments = [
        "Nobody called me back, and I had to chase for updates.",
        "The coordinator was brilliant; she kept us informed at every step.",
        "It took far longer than 20 weeks, and the plan is \"\"generic\"\" in places.",
        "We felt listened to for the first time.\nThank you.",
        "Speech and language therapy is still not in place, months later.",
        "Good, but slow, and nobody said \"\"sorry\"\".",
        "The draft plan had mistakes: wrong school, wrong age.",
        "College transition was handled well.",
    ]

    /// One synthetic response.
    struct Response {
        var number: Int
        /// Days since 1970-01-01 and seconds into the day of submission (UK time).
        var day: Int
        var second: Int
        var stage: Int
        /// Indexes into ``answers``.
        var answers: [Int]
        /// An index into ``comments`` and the consent given with it.
        var comment: Int?
        var consent: Bool
    }

    /// Calls `body` with every response in submission order (the same for every format).
    func forEachResponse(_ body: (Response) throws -> Void) rethrows {
        var random = SplitMix64(seed: seed)
        let first = CivilTime.dayNumber(year: from.0, month: from.1, day: from.2)
        let last = CivilTime.dayNumber(year: to.0, month: to.1, day: to.2)
        let span = UInt64(last - first + 1)
        // Responses in submission order, as portals export them: response i falls in
        // the i-th equal slice of the period, at a random moment within it.
        let totalSeconds = span * 86_400
        var response = Response(
            number: 0, day: 0, second: 0, stage: 0, answers: [0, 0, 0, 0, 0], comment: nil, consent: false)
        for i in 0..<responses {
            let sliceStart = UInt64(i) * totalSeconds / UInt64(max(responses, 1))
            let sliceEnd = UInt64(i + 1) * totalSeconds / UInt64(max(responses, 1))
            let moment = sliceStart + random.next() % max(sliceEnd - sliceStart, 1)
            response.number = i + 1
            response.day = first + Int(moment / 86_400)
            response.second = Int(moment % 86_400)
            response.stage = random.next() % 100 < 60 ? 0 : 1
            // Agreement drifts upwards over the years, as the service improves.
            let progress = Double(response.day - first) / Double(span)
            for statement in 0..<5 {
                response.answers[statement] = Self.answer(random.next(), statement: statement, progress: progress)
            }
            let hasComment = random.next() % 100 < 30
            response.comment = hasComment ? Int(random.next() % UInt64(Self.comments.count)) : nil
            response.consent = hasComment && random.next() % 100 < 60
            try body(response)
        }
    }

    /// Writes the export to `path`; returns the number of bytes written.
    func write(to path: String) throws -> Int {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw GeneratorError(message: "\(path): cannot create the file")
        }
        defer { try? handle.close() }
        var buffer: [UInt8] = [0xEF, 0xBB, 0xBF]
        buffer.reserveCapacity(1 << 21)
        buffer.append(contentsOf: Array(Self.header.replacingOccurrences(of: "\n", with: "\r\n").utf8))
        buffer.append(contentsOf: [13, 10])
        var total = 0
        let answerBytes = Self.answers.map { Array($0.utf8) }
        let stageBytes = Self.stages.map { Array($0.utf8) }
        let commentBytes = Self.comments.map { c -> [UInt8] in
            let text = c.replacingOccurrences(of: "\n", with: "\r\n")
            return Array(("\"" + text + "\"").utf8)
        }
        forEachResponse { r in
            let (y, m, d) = CivilTime.civil(r.day)
            Self.two(d, &buffer)
            buffer.append(47)
            Self.two(m, &buffer)
            buffer.append(47)
            buffer.append(contentsOf: Array(String(y).utf8))
            buffer.append(32)
            Self.two(r.second / 3600, &buffer)
            buffer.append(58)
            Self.two(r.second / 60 % 60, &buffer)
            buffer.append(58)
            Self.two(r.second % 60, &buffer)
            buffer.append(44)
            buffer.append(contentsOf: stageBytes[r.stage])
            for answer in r.answers {
                buffer.append(44)
                buffer.append(contentsOf: answerBytes[answer])
            }
            buffer.append(44)
            if let comment = r.comment { buffer.append(contentsOf: commentBytes[comment]) }
            buffer.append(44)
            if r.comment != nil { buffer.append(contentsOf: r.consent ? Array("Yes".utf8) : Array("No".utf8)) }
            buffer.append(contentsOf: [13, 10])
            if buffer.count > 1 << 20 {
                handle.write(Data(buffer))
                total += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
        }
        handle.write(Data(buffer))
        return total + buffer.count
    }

    /// An answer index: 3% blank, 4% Don't know, 1% Not applicable, the rest on the
    /// five-point scale with agreement rising from about 45% to 75% over the range.
    static func answer(_ r: UInt64, statement: Int, progress: Double) -> Int {
        let p = Int(r % 10_000)
        if p < 300 { return 7 }
        if p < 700 { return 5 }
        if p < 800 { return 6 }
        let agree = 0.45 + 0.30 * progress - 0.05 * Double(statement % 3)
        let u = Double(p - 800) / 9_200
        if u < agree * 0.35 { return 0 }
        if u < agree { return 1 }
        if u < agree + (1 - agree) * 0.3 { return 2 }
        if u < agree + (1 - agree) * 0.75 { return 3 }
        return 4
    }

    static func two(_ v: Int, _ buffer: inout [UInt8]) {
        buffer.append(UInt8(48 + v / 10))
        buffer.append(UInt8(48 + v % 10))
    }
}

struct GeneratorError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A small seeded generator (SplitMix64), so every run writes the same file.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
