import FeedbackStatistics
import Foundation
import ResponseStore
import SurveyDefinition

/// What makes a published page the organisation's own: its name, colour and logo, the
/// date it was published, when the next one is due, and who to contact (engage.json's
/// `publication`). Part of the model, so every rendering (and the JSON) says the same.
package struct PageFurniture: Sendable, Equatable, Encodable {
    /// The organisation's name.
    package var organisation: String
    /// The masthead's colour, `#RRGGBB`.
    package var colour: String
    /// Black or white, whichever reads better on ``colour`` (WCAG contrast).
    var textColour: String
    /// The logo's file name in the workspace, if any (embedded in the HTML page).
    package var logo: String?
    /// The logo's text alternative.
    package var logoText: String
    /// Who to ask about the page.
    package var contact: String?
    /// ISO date the page was made.
    package var published: String
    /// ISO date the next period's page is due: the end of the next period plus the
    /// weeks engage.json says pages follow their period; `nil` for a range that is not a
    /// reporting period.
    var nextUpdate: String?
    /// The period the next update covers, in words ("October to December 2021").
    var nextPeriod: String?
    /// The embedded logo as a `data:` URI (not in the JSON).
    var logoDataURI: String?

    enum CodingKeys: String, CodingKey {
        case organisation, colour, textColour, logo, logoText, contact, published, nextUpdate, nextPeriod
    }

    /// The colour when engage.json sets none (dark blue; white text on it passes AA).
    static let defaultColour = "#1d5383"

    init(settings: ReportSettings, period: Period, publishedDay: Int) {
        let p = settings.publication
        organisation = settings.organisation
        colour = p.colour ?? Self.defaultColour
        textColour = Self.contrast(colour, "#ffffff") >= Self.contrast(colour, "#0b0c0c") ? "#ffffff" : "#0b0c0c"
        logo = settings.logo?.fileName
        logoText = p.logoText ?? settings.organisation
        contact = p.contact
        published = CivilTime.isoDate(publishedDay)
        if let scheme = period.scheme, scheme.period(containing: period.first) == period {
            let next = scheme.period(containing: period.last + 1)
            nextUpdate = CivilTime.isoDate(next.last + 7 * p.weeksAfterPeriod)
            nextPeriod = PlainDates.period(from: next.fromDate, to: next.toDate)
        }
        logoDataURI = settings.logo.map { "data:\($0.mimeType);base64," + Data($0.data).base64EncodedString() }
    }

    /// The WCAG contrast ratio of two `#RRGGBB` colours.
    static func contrast(_ a: String, _ b: String) -> Double {
        func luminance(_ hex: String) -> Double {
            let chars = Array(hex.dropFirst())
            guard chars.count == 6 else { return 0 }
            func channel(_ i: Int) -> Double {
                let v = Double(Int(String(chars[i..<(i + 2)]), radix: 16) ?? 0) / 255
                return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
        }
        let (l1, l2) = (luminance(a), luminance(b))
        return (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
    }
}
