import Testing

@testable import SurveyDefinition

@Suite("Reporting periods and their labels")
struct PeriodTests {
    func day(_ iso: String) -> Int { CivilTime.parseISODate(iso)! }

    @Test(
        "financial quarters: Q1 is April to June; 31 March and 1 April fall in different years",
        arguments: [
            ("2021-07-01", "2021-22 Q2", "2021-07-01", "2021-09-30"),
            ("2021-09-30", "2021-22 Q2", "2021-07-01", "2021-09-30"),
            ("2022-03-31", "2021-22 Q4", "2022-01-01", "2022-03-31"),
            ("2022-04-01", "2022-23 Q1", "2022-04-01", "2022-06-30"),
            ("2019-12-31", "2019-20 Q3", "2019-10-01", "2019-12-31"),
            ("2099-01-15", "2098-99 Q4", "2099-01-01", "2099-03-31"),
            ("1999-05-01", "1999-00 Q1", "1999-04-01", "1999-06-30"),
        ])
    func financialQuarters(date: String, label: String, first: String, last: String) throws {
        let period = PeriodScheme.financialQuarter.period(containing: day(date))
        #expect(period.label == label)
        #expect(period.fromDate == first)
        #expect(period.toDate == last)
        #expect(try PeriodCalendar.strict.parse(label) == period)
    }

    @Test("terms, academic and financial years, calendar quarters, months and years round-trip")
    func otherSchemes() throws {
        let cases: [(PeriodScheme, String, String, String, String)] = [
            (.schoolTerm, "2019-09-01", "autumn 2019", "2019-09-01", "2019-12-31"),
            (.schoolTerm, "2020-03-31", "spring 2020", "2020-01-01", "2020-03-31"),
            (.schoolTerm, "2020-08-31", "summer 2020", "2020-04-01", "2020-08-31"),
            (.academicYear, "2020-08-31", "AY 2019/20", "2019-09-01", "2020-08-31"),
            (.academicYear, "2020-09-01", "AY 2020/21", "2020-09-01", "2021-08-31"),
            (.financialYear, "2021-04-01", "2021-22", "2021-04-01", "2022-03-31"),
            (.calendarQuarter, "2021-08-15", "2021 Q3", "2021-07-01", "2021-09-30"),
            (.month, "2024-02-10", "2024-02", "2024-02-01", "2024-02-29"),
            (.month, "2023-02-10", "2023-02", "2023-02-01", "2023-02-28"),
            (.calendarYear, "2020-06-01", "2020", "2020-01-01", "2020-12-31"),
        ]
        for (scheme, date, label, first, last) in cases {
            let period = scheme.period(containing: day(date))
            #expect(period.label == label, "\(scheme) \(date)")
            #expect(period.fromDate == first && period.toDate == last, "\(label)")
            #expect(try PeriodCalendar.strict.parse(label) == period, "\(label)")
        }
        #expect(try PeriodCalendar.strict.parse("Autumn term 2019").label == "autumn 2019")
    }

    @Test(
        "impossible labels are refused with the accepted forms",
        arguments: ["2021-23 Q1", "2021 Q5", "2021-13", "winter 2020", "2021/23", "Q2", ""])
    func impossible(label: String) {
        #expect(throws: PeriodError.self) { try PeriodCalendar.strict.parse(label) }
        #expect(PeriodCalendar.strict.problem(label)?.contains("2021-22 Q2 (financial quarter)") == true)
    }

    @Test("custom named ranges and ISO ranges parse; a range lists the periods it overlaps")
    func custom() throws {
        let baseline = try PeriodCalendar(named: ["baseline": day("2019-09-01")...day("2019-12-31")]).parse("Baseline")
        #expect(baseline.label == "baseline" && baseline.fromDate == "2019-09-01" && baseline.toDate == "2019-12-31")
        let range = try PeriodCalendar.strict.parse("2019-09-01..2019-12-31")
        #expect(range.first == baseline.first && range.last == baseline.last)
        let quarters = PeriodScheme.financialQuarter.periods(from: day("2019-09-01"), to: day("2020-04-01"))
        #expect(quarters.map(\.label) == ["2019-20 Q2", "2019-20 Q3", "2019-20 Q4", "2020-21 Q1"])
    }

    @Test("2021/22 is refused with both readings unless the workspace says which; AY and FY say it outright")
    func slashYears() throws {
        #expect(throws: PeriodError.self) { try PeriodCalendar.strict.parse("2021/22") }
        #expect(
            PeriodCalendar.strict.problem("2021/22")
                == "\"2021/22\" could mean the financial year 2021-22 (1 April 2021 to 31 March 2022) "
                + "or the academic year AY 2021/22 (1 September 2021 to 31 August 2022); write 2021-22 for the financial year or AY 2021/22 "
                + "for the academic year (in a workspace, \"slashYears\" in engage.json says which 2021/22 means; the default is the financial year)"
        )
        let financial = try PeriodCalendar.strict.parse("2021-22")
        let academic = try PeriodCalendar.strict.parse("AY 2021/22")
        #expect(financial.fromDate == "2021-04-01" && financial.toDate == "2022-03-31" && financial.label == "2021-22")
        #expect(academic.fromDate == "2021-09-01" && academic.toDate == "2022-08-31" && academic.label == "AY 2021/22")
        #expect(try PeriodCalendar(slashYears: .financialYear).parse("2021/22") == financial)
        #expect(try PeriodCalendar(slashYears: .academicYear).parse("2021/22") == academic)
        for (text, period) in [("ay 2021-22", academic), ("FY 2021/22", financial), ("fy 2021-22", financial)] {
            #expect(try PeriodCalendar.strict.parse(text) == period, "\(text)")
        }
        #expect(throws: PeriodError.self) { try PeriodCalendar(slashYears: .financialYear).parse("2021/23") }
    }
}
