import Foundation
import ResponseStore
import Testing

@testable import Summaries

@Suite("The facts at the top of a published page")
struct PageMetaTests {
    func summary(_ fixture: SummaryFixture, contact: String?, from: String? = nil, to: String? = nil) throws
        -> Summary
    {
        var settings = fixture.settings
        settings.publication.contact = contact
        return try SummaryBuilder(
            store: fixture.store, surveys: [fixture.survey], settings: settings,
            audience: from == nil ? .public : .internal,
            engageVersion: "test"
        )
        .build(label: from == nil ? "2021-22 Q2" : nil, from: from, to: to)
    }

    @Test("the quarter's page and the archive's listing say the next update and the contact alike")
    func nextUpdateAndContact() throws {
        let fixture = try SummaryFixture(
            rows: SummaryFixture.rows(12, involved: { _ in "Agree" }, communication: { _ in "Agree" }))
        defer { fixture.close() }
        let summary = try summary(fixture, contact: "SEND team <send@example.org>")
        // 2021-22 Q3 ends on 31 December 2021; six weeks (42 days) later is 11 February 2022.
        let next = "<dt>Next update</dt><dd>By 11 February 2022, covering October to December 2021</dd>"
        let contact = "<dt>Contact</dt><dd>SEND team &lt;send@example.org&gt;</dd>"
        let page = summary.html()
        let listing = PublicationArchive.indexHTML([], page: summary.page)
        for html in [page, listing] {
            #expect(html.contains(next + contact + "</dl>"))
        }
        #expect(page.contains("<dl class=\"meta\"><dt>Period covered</dt><dd>July to September 2021</dd>"))
        #expect(listing.contains("<dl class=\"meta\">" + next))
    }

    @Test("a listing with no next update and no contact has no facts list at all")
    func nothingToSay() throws {
        let fixture = try SummaryFixture(
            rows: SummaryFixture.rows(12, involved: { _ in "Agree" }, communication: { _ in "Agree" }))
        defer { fixture.close() }
        // A range that is not a reporting period (internal only) has no next update.
        let summary = try summary(fixture, contact: nil, from: "2021-08-01", to: "2021-08-20")
        #expect(summary.page.nextUpdate == nil)
        #expect(!PublicationArchive.indexHTML([], page: summary.page).contains("class=\"meta\""))
        #expect(summary.html().contains("<dl class=\"meta\"><dt>Period covered</dt>"))
    }
}
