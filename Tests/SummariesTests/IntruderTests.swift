import ResponseStore
import SurveyDefinition
import TestSupport
import Testing

@testable import FeedbackStatistics
@testable import Summaries

/// An intruder with nothing but engage's public outputs: random small workspaces
/// (groups and periods with 0-12 answers, two sources, a stage question, a baseline),
/// every public table the commands can produce for them (each whole period and year,
/// by stage, by source, the trends by quarter and by year, and any date range engage
/// agrees to publish), then every attack of issue 20: a total minus its shown parts in
/// any table, a year minus its quarters, a baseline minus the quarter inside it, ranges
/// a day apart, any combination of published figures (exact linear algebra over the
/// smallest groups of people the tables are made of), trend statistics that used
/// withheld periods, and direct leaks (a small count shown, a rating or comparison that
/// rests on a withheld figure). It must recover nothing, and must find something when
/// any one rule is switched off.
@Suite("An intruder with every public output of random small workspaces")
struct IntruderTests {
    struct Response {
        var day: Int
        var stage: String?
        var source: String?
        var answer: String
    }

    static let survey: Survey = {
        var s = PublicationFixtures.survey
        s.kpis = [s.kpis[0]] // felt-fully-involved: baseline autumn 2019, target increase on baseline
        return s
    }()
    static let stages: [String?] = ["new-plan", "annual-review", nil]
    static let sources: [String?] = ["portal", "telephone", nil]
    static let answers = ["strongly-agree", "agree", "agree", "neither", "disagree", "strongly-disagree", "dont-know"]

    /// Financial years 2019-20 and 2020-21: each quarter empty, small (1-12 answers in
    /// all) or made of groups of 0-12 answers each.
    static func workspace(_ random: inout SeededGenerator) -> [Response] {
        var responses: [Response] = []
        for quarter in PeriodScheme.financialQuarter.periods(
            from: CivilTime.dayNumber(year: 2019, month: 4, day: 1),
            to: CivilTime.dayNumber(year: 2021, month: 3, day: 31))
        {
            let kind = Int.random(in: 0..<20, using: &random)
            var cells: [(String?, String?, Int)] = []
            if kind < 5 {
                continue
            } else if kind < 11 {
                for _ in 0..<Int.random(in: 1...12, using: &random) {
                    cells.append((stages.randomElement(using: &random)!, sources.randomElement(using: &random)!, 1))
                }
            } else {
                for stage in stages {
                    for source in sources where Int.random(in: 0..<3, using: &random) > 0 {
                        cells.append((stage, source, Int.random(in: 0...12, using: &random)))
                    }
                }
            }
            for (stage, source, n) in cells {
                for _ in 0..<n {
                    responses.append(
                        Response(
                            day: Int.random(in: quarter.first...quarter.last, using: &random), stage: stage,
                            source: source,
                            answer: answers.randomElement(using: &random)!))
                }
            }
        }
        return responses
    }

    static func builder(_ responses: [Response], _ breakdown: ReportBuilder.Breakdown?, settings: ReportSettings) throws
        -> ReportBuilder
    {
        let counts = responses.map { r -> AnswerCount in
            let group: String?
            switch breakdown {
            case .segment: group = r.stage
            case .source: group = r.source
            case nil: group = nil
            }
            return AnswerCount(day: r.day, option: r.answer, group: group, count: 1)
        }
        let history = AnswerHistory(counts, grouped: breakdown != nil)
        return try ReportBuilder(
            survey: survey, settings: settings, histories: [survey.kpis[0].question: history], breakdown: breakdown)
    }

    // MARK: What the intruder collects

    enum Filter: Hashable {
        case all
        case stage(String)
        case source(String)
    }

    /// One published figure: who it counts, and what it shows.
    struct Cell {
        var first: Int
        var last: Int
        var filter: Filter
        /// `[positive, other]`, or `nil` when withheld.
        var shown: [Int]?
        var what: String
    }

    struct Collected {
        var cells: [Cell] = []
        var dontKnow: [Cell] = []
        var direct: [String] = []
        var trends: [String] = []
    }

    static func collect(_ responses: [Response], settings: ReportSettings) throws -> Collected {
        var c = Collected()
        let rule = settings.rule
        let all = try builder(responses, nil, settings: settings)
        let byStage = try builder(responses, .segment("stage"), settings: settings)
        let bySource = try builder(responses, .source, settings: settings)
        let kpi = survey.kpis[0]
        let baseline = try PeriodCalendar.strict.parse("autumn 2019")
        let lattice = settings.publicPeriods.lattice(
            from: CivilTime.dayNumber(year: 2019, month: 4, day: 1),
            to: CivilTime.dayNumber(year: 2021, month: 3, day: 31))
        var periods = lattice.years + lattice.parts
        // Ranges a day apart: engage must refuse them; if it does not, the intruder takes them.
        let days = Set(responses.map(\.day)).sorted()
        for quarter in lattice.parts {
            for day in days where quarter.first < day && day <= quarter.last {
                for end in [day - 1, day] {
                    if let p = try? all.period(
                        label: nil, from: CivilTime.isoDate(quarter.first), to: CivilTime.isoDate(end),
                        audience: .public)
                    {
                        periods.append(p)
                    }
                }
            }
        }
        func counts(_ v: FigureValue?) -> [Int]? { v.map { [$0.positive, $0.substantive - $0.positive] } }
        func passes(_ v: [Int]) -> Bool {
            let base = v.reduce(0, +)
            return base == 0 || (base >= rule.threshold && !v.contains(where: (1...4).contains))
        }
        for period in periods {
            let row = try #require(try all.table(period: period, audience: .public).kpis.first)
            c.cells.append(
                Cell(
                    first: period.first, last: period.last, filter: .all, shown: counts(row.figure.value),
                    what: "\(period.label) all"))
            c.dontKnow.append(
                Cell(
                    first: period.first, last: period.last, filter: .all, shown: row.dontKnow.value.map { [$0] },
                    what: "\(period.label) don't know"))
            if let b = row.baseline {
                c.cells.append(
                    Cell(
                        first: baseline.first, last: baseline.last, filter: .all,
                        shown: b.figure.value.flatMap { v in
                            v.positive.flatMap { p in v.substantive.map { [p, $0 - p] } }
                        }, what: "baseline"))
            }
            // Direct leaks: everything shown passes the rule; nothing rests on a withheld figure.
            if let v = counts(row.figure.value), !passes(v) { c.direct.append("\(period.label): figure \(v) shown") }
            if let dk = row.dontKnow.value, (1...4).contains(dk) {
                c.direct.append("\(period.label): \(dk) Don't know shown")
            }
            if let v = c.cells.last?.shown, !passes(v) { c.direct.append("baseline \(v) shown") }
            if row.figure.value == nil {
                if row.change?.value != nil { c.direct.append("\(period.label): change shown for a withheld figure") }
                if row.target?.assessment.value != nil {
                    c.direct.append("\(period.label): target status shown for a withheld figure")
                }
                if row.comparators.contains(where: { $0.comparison.value != nil }) {
                    c.direct.append("\(period.label): comparison shown")
                }
                if let r = row.rating.value, r.reason != rule.note(.smallBase) {
                    c.direct.append("\(period.label): rating \(r.rag) (\(r.reason)) shown")
                }
            }
            if row.baseline?.figure.value == nil {
                if row.change?.value != nil {
                    c.direct.append("\(period.label): change shown against a withheld baseline")
                }
                if row.target?.description.contains("%") == true {
                    c.direct.append("\(period.label): target names a withheld baseline")
                }
            }
            for (builder, filter) in [(byStage, { Filter.stage($0) }), (bySource, { Filter.source($0) })] {
                let table = try #require(try builder.table(period: period, audience: .public).kpis.first)
                for g in table.groups {
                    c.cells.append(
                        Cell(
                            first: period.first, last: period.last, filter: filter(g.group),
                            shown: counts(g.figure.value),
                            what: "\(period.label) \(g.label)"))
                    if let v = counts(g.figure.value), !passes(v) {
                        c.direct.append("\(period.label) \(g.label): \(v) shown")
                    }
                }
            }
        }
        // Trends: their statistics must be those of the periods shown.
        for scheme in [settings.publicPeriods.part, settings.publicPeriods.year] {
            guard let trend = try all.trend(kpi: kpi, scheme: scheme, audience: .public) else { continue }
            let shown = try trend.points.compactMap { point -> (Period, Proportion)? in
                guard let v = point.figure.value else { return nil }
                return (
                    try PeriodCalendar.strict.parse(point.period.label),
                    Proportion(positive: v.positive, total: v.substantive)
                )
            }
            let fromShown = Trend(shown, confidence: settings.confidence)
            if trend.test.chiSquared != fromShown.test?.chiSquared || trend.test.p != fromShown.p {
                c.trends.append(
                    "\(scheme.rawValue) trend: chi-squared \(trend.test.chiSquared ?? -1) p \(trend.test.p ?? -1) uses withheld periods"
                )
            }
        }
        return c
    }

    // MARK: The attacks

    /// Every figure that can be worked out from the shown ones and would fail the rule.
    static func recovered(_ responses: [Response], _ collected: Collected, rule: SuppressionRule) -> [String] {
        var found = collected.direct + collected.trends
        found += derivable(collected.cells, responses: responses, rule: rule) { r in
            let positive = survey.kpis[0].positive.contains(r.answer)
            return r.answer == "dont-know" ? nil : positive ? [1, 0] : [0, 1]
        }
        found += derivable(collected.dontKnow, responses: responses, rule: rule) { r in
            r.answer == "dont-know" ? [1] : nil
        }
        return found
    }

    /// The smallest groups of people any cell is made of: a stretch of days between two
    /// cells' edges, one stage, one source. The intruder does not know which are empty,
    /// except where a shown figure says so (a shown 0 makes every group inside it 0);
    /// each kind of count (agreed, did not agree; Don't know) is its own system.
    static func derivable(_ cells: [Cell], responses: [Response], rule: SuppressionRule, count: (Response) -> [Int]?)
        -> [String]
    {
        let edges = Set(cells.flatMap { [$0.first, $0.last + 1] }).sorted()
        guard edges.count > 1, let width = responses.lazy.compactMap(count).first?.count else { return [] }
        func slot(_ day: Int) -> Int? { edges.lastIndex { $0 <= day }.flatMap { $0 < edges.count - 1 ? $0 : nil } }
        struct Atom: Hashable {
            var slot: Int
            var stage: String?
            var source: String?
        }
        var keys: [Atom] = []
        for s in 0..<(edges.count - 1) {
            for stage in stages { for source in sources { keys.append(Atom(slot: s, stage: stage, source: source)) } }
        }
        let index = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        var value = [[Int]](repeating: [Int](repeating: 0, count: width), count: keys.count)
        for r in responses {
            guard let v = count(r), let s = slot(r.day) else { continue }
            let i = index[Atom(slot: s, stage: r.stage, source: r.source)]!
            for k in 0..<width { value[i][k] += v[k] }
        }
        func members(_ c: Cell) -> Set<Int> {
            Set(
                keys.indices.filter { i in
                    let a = keys[i]
                    guard edges[a.slot] >= c.first && edges[a.slot + 1] - 1 <= c.last else { return false }
                    switch c.filter {
                    case .all: return true
                    case .stage(let s): return (a.stage ?? "") == s
                    case .source(let s): return (a.source ?? "") == s
                    }
                })
        }
        let cellMembers = cells.map(members)
        // Per kind of count: atoms known to be 0 (inside a shown 0), and the span of the shown figures.
        var knownZero = [Set<Int>](repeating: [], count: width)
        for (cell, m) in zip(cells, cellMembers) {
            if let v = cell.shown { for k in 0..<width where v[k] == 0 { knownZero[k].formUnion(m) } }
        }
        var spaces = (0..<width).map { _ in Elimination(width: keys.count) }
        for (cell, m) in zip(cells, cellMembers) where cell.shown != nil {
            for k in 0..<width { spaces[k].add(m.subtracting(knownZero[k])) }
        }
        func total(_ set: Set<Int>) -> [Int] { (0..<width).map { k in set.reduce(0) { $0 + value[$1][k] } } }
        var found: [String] = []
        var tried = Set<Set<Int>>()
        // What the intruder learns of a group of people: each count it can work out.
        func attack(_ set: Set<Int>, _ how: @autoclosure () -> String) {
            guard !set.isEmpty, tried.insert(set).inserted else { return }
            let v = total(set)
            guard v.contains(where: { $0 > 0 }),
                v.contains(where: (1...4).contains) || (width > 1 && v.reduce(0, +) < rule.threshold)
            else { return }
            let known = (0..<width).map { k in spaces[k].contains(set.subtracting(knownZero[k])) }
            var leak = (0..<width).contains { known[$0] && (1...4).contains(v[$0]) }
            if width > 1, known.allSatisfy({ $0 }), v.reduce(0, +) < rule.threshold { leak = true }
            if leak { found.append("\(how()): \(zip(v, known).map { $1 ? "\($0)" : "?" }) worked out") }
        }
        // Each withheld figure; each shown figure minus any shown figure inside it (a year
        // minus a quarter, a total minus a group, a baseline minus a quarter, a range minus
        // the range a day shorter); each total minus all its shown parts of one kind.
        for (cell, m) in zip(cells, cellMembers) where cell.shown == nil { attack(m, "withheld \(cell.what)") }
        for (a, ma) in zip(cells, cellMembers) where a.shown != nil {
            var parts: [Filter: Set<Int>] = [:]
            for (b, mb) in zip(cells, cellMembers) where b.shown != nil && mb.isSubset(of: ma) && mb != ma {
                attack(ma.subtracting(mb), "\(a.what) minus \(b.what)")
                let kind: Filter
                switch b.filter {
                case .all: kind = .all
                case .stage: kind = .stage("")
                case .source: kind = .source("")
                }
                parts[kind, default: []].formUnion(mb)
            }
            for (kind, shownParts) in parts {
                attack(ma.subtracting(shownParts), "\(a.what) minus its shown parts (\(kind))")
            }
        }
        // Every smallest group with answers on its own.
        for i in keys.indices {
            attack(
                [i],
                "the \(keys[i].stage ?? "no stage")/\(keys[i].source ?? "no source") answers of \(CivilTime.isoDate(edges[keys[i].slot]))"
            )
        }
        return found
    }

    /// Gaussian elimination over the reals on 0/1 rows: which sets of atoms are sums of
    /// shown figures. (The intruder's own, apart from engage's.)
    struct Elimination {
        var rows: [[Double]] = []
        var pivot: [Int] = []
        let width: Int
        init(width: Int) { self.width = width }

        func reduce(_ v: [Double]) -> [Double] {
            var v = v
            for (r, p) in zip(rows, pivot) where v[p] != 0 {
                let f = v[p]
                for k in 0..<width { v[k] -= f * r[k] }
            }
            return v
        }

        mutating func add(_ set: Set<Int>) {
            var v = reduce((0..<width).map { set.contains($0) ? 1 : 0 })
            guard let p = v.indices.max(by: { abs(v[$0]) < abs(v[$1]) }), abs(v[p]) > 1e-9 else { return }
            let f = v[p]
            v = v.map { $0 / f }
            for i in rows.indices where rows[i][p] != 0 {
                let g = rows[i][p]
                for k in 0..<width { rows[i][k] -= g * v[k] }
            }
            rows.append(v)
            pivot.append(p)
        }

        func contains(_ set: Set<Int>) -> Bool {
            reduce((0..<width).map { set.contains($0) ? 1 : 0 }).allSatisfy { abs($0) < 1e-9 }
        }
    }

    static func run(
        workspaces: Int, seed: UInt64, switchedOff: SuppressionRule.Check? = nil, stopAtFirst: Bool = false,
        scheme: String = "financial-quarter"
    ) throws -> (recovered: [String], withheld: Int) {
        var random = SeededGenerator(seed: seed)
        var settings = PublicationFixtures.settings(scheme: scheme)
        if let switchedOff { settings.rule.switchedOff = [switchedOff] }
        var recovered: [String] = []
        var withheld = 0
        for n in 0..<workspaces {
            let responses = workspace(&random)
            let collected = try collect(responses, settings: settings)
            withheld += collected.cells.filter { $0.shown == nil }.count
            recovered += Self.recovered(responses, collected, rule: PublicationFixtures.settings().rule).map {
                "workspace \(n): \($0)"
            }
            if stopAtFirst && !recovered.isEmpty { break }
        }
        return (recovered, withheld)
    }

    @Test("200 random small workspaces: nothing withheld can be worked out from every public output together")
    func intruderRecoversNothing() throws {
        let (recovered, withheld) = try Self.run(workspaces: 200, seed: 20_261_205)
        #expect(recovered.isEmpty, "\(recovered.count) recovered, e.g. \(recovered.prefix(5))")
        #expect(withheld > 1_000, "the workspaces must be small enough to withhold much (\(withheld))")
    }

    @Test(
        "in workspaces reporting by school term, month or calendar quarter the intruder recovers nothing either",
        arguments: ["school-term", "month", "calendar-quarter"])
    func otherSchemes(_ scheme: String) throws {
        let (recovered, withheld) = try Self.run(workspaces: 40, seed: 5, scheme: scheme)
        #expect(recovered.isEmpty, "\(scheme): \(recovered.prefix(5))")
        #expect(withheld > 500)
    }

    @Test("with any one rule switched off, the intruder recovers something", arguments: SuppressionRule.Check.allCases)
    func eachRuleIsNeeded(_ check: SuppressionRule.Check) throws {
        let (recovered, _) = try Self.run(workspaces: 200, seed: 20_261_205, switchedOff: check, stopAtFirst: true)
        #expect(!recovered.isEmpty, "switching off \(check) went unnoticed")
    }
}
