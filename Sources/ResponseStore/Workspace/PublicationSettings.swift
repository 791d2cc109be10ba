import Foundation
import SurveyDefinition

/// How a workspace's published pages look and what they promise readers: engage.json's
/// `publication` object.
///
/// ```json
/// "publication": {
///   "colour": "#1d70b8",
///   "logo": "logo.svg",
///   "logoText": "Anyshire County Council",
///   "contact": "Email send.feedback@anyshire.gov.uk or call 01234 567890",
///   "weeksAfterPeriod": 6
/// }
/// ```
/// Every member is optional. `colour` is the organisation's colour (`#RRGGBB`) for the
/// page's masthead; `logo` a PNG, JPEG or SVG file in the workspace folder, embedded in
/// the page (at most 200 KB); `logoText` its text alternative (default: the
/// organisation's name); `contact` who to ask about the page; `weeksAfterPeriod` how
/// many weeks after a period ends its page is published, which dates each page's "next
/// update" (default 6).
public struct PublicationSettings: Sendable, Equatable {
    /// The page's accent colour, `#RRGGBB`.
    public var colour: String?
    /// The logo file, relative to the workspace folder.
    public var logo: String?
    /// The logo's text alternative.
    public var logoText: String?
    /// Who to ask about the page.
    public var contact: String?
    /// Weeks after a period ends that its page is published.
    public var weeksAfterPeriod: Int = 6

    /// Settings with the defaults above.
    public init(
        colour: String? = nil, logo: String? = nil, logoText: String? = nil, contact: String? = nil,
        weeksAfterPeriod: Int = 6
    ) {
        self.colour = colour
        self.logo = logo
        self.logoText = logoText
        self.contact = contact
        self.weeksAfterPeriod = weeksAfterPeriod
    }

    /// The members engage knows.
    public static let fields = ["colour", "logo", "logoText", "contact", "weeksAfterPeriod"]
    /// The logo's file types.
    static let logoTypes = [
        "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
    ]

    /// Whether `text` is a colour `#RRGGBB`.
    public static func isColour(_ text: String) -> Bool {
        let chars = Array(text.utf8)
        return chars.count == 7 && chars[0] == UInt8(ascii: "#")
            && chars.dropFirst().allSatisfy { c in
                (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
            }
    }

    /// Whether `name` is a logo file name engage can embed: a plain name in the
    /// workspace folder with one of ``logoTypes``' extensions.
    static func isLogoName(_ name: String) -> Bool {
        guard !name.isEmpty, !name.contains("/"), !name.contains("\\"), !name.hasPrefix("."),
            let ext = name.split(separator: ".").last.map({ $0.lowercased() }), name.contains(".")
        else { return false }
        return logoTypes[ext] != nil
    }

    static func decode(_ value: JSONValue, file: String) throws(WorkspaceError) -> PublicationSettings {
        func fail(_ v: JSONValue?, _ field: String, _ message: String) -> WorkspaceError {
            .invalidSettings(
                file: file, line: v?.position.line ?? value.position.line,
                column: v?.position.column ?? value.position.column,
                field: "publication" + (field.isEmpty ? "" : "." + field), message: message)
        }
        guard let members = value.objectMembers else {
            throw fail(
                value, "",
                "expected an object, e.g. { \"colour\": \"#1d70b8\", \"contact\": \"send@anyshire.gov.uk\" }, found \(value.kindName)"
            )
        }
        for member in members where !fields.contains(member.key) {
            let hint =
                StringDistance.suggestion(for: member.key, among: fields).map { " Did you mean \"\($0)\"?" } ?? ""
            throw .invalidSettings(
                file: file, line: member.keyPosition.line, column: member.keyPosition.column,
                field: "publication." + member.key,
                message: "unknown setting.\(hint) Known: \(fields.joined(separator: ", ")).")
        }
        var settings = PublicationSettings()
        func text(_ key: String, _ example: String) throws(WorkspaceError) -> String? {
            guard let v = value[key] else { return nil }
            guard let s = v.stringValue, !s.trimmingSpaces.isEmpty, s.count <= 300 else {
                throw fail(v, key, "expected text of up to 300 characters, e.g. \(example)")
            }
            return s.trimmingSpaces
        }
        settings.colour = try text("colour", "\"#1d70b8\"")
        if let c = settings.colour, !isColour(c) {
            throw fail(value["colour"], "colour", "expected a colour written #RRGGBB, e.g. \"#1d70b8\"; found \"\(c)\"")
        }
        settings.logo = try text("logo", "\"logo.svg\"")
        if let l = settings.logo, !isLogoName(l) {
            throw fail(
                value["logo"], "logo",
                "expected the name of a .svg, .png or .jpg file in the workspace folder, e.g. \"logo.svg\"; found \"\(l)\""
            )
        }
        settings.logoText = try text("logoText", "\"Anyshire County Council\"")
        settings.contact = try text("contact", "\"Email send.feedback@anyshire.gov.uk\"")
        if let v = value["weeksAfterPeriod"] {
            guard let n = v.numberValue, n == n.rounded(), n >= 0, n <= 52 else {
                throw fail(v, "weeksAfterPeriod", "expected a whole number of weeks from 0 to 52 (the default is 6)")
            }
            settings.weeksAfterPeriod = Int(n)
        }
        return settings
    }

    /// As engage.json writes it.
    func encoded() -> String {
        var parts: [String] = []
        if let colour { parts.append("\"colour\": \(JSONText.string(colour))") }
        if let logo { parts.append("\"logo\": \(JSONText.string(logo))") }
        if let logoText { parts.append("\"logoText\": \(JSONText.string(logoText))") }
        if let contact { parts.append("\"contact\": \(JSONText.string(contact))") }
        parts.append("\"weeksAfterPeriod\": \(weeksAfterPeriod)")
        return "{" + parts.joined(separator: ", ") + "}"
    }
}

/// The organisation's logo, read from the workspace folder to embed in a page.
public struct LogoImage: Sendable, Equatable {
    /// The logo's file name.
    public var fileName: String
    /// "image/svg+xml", "image/png" or "image/jpeg".
    public var mimeType: String
    /// The image's bytes.
    public var data: [UInt8]

    /// The largest logo engage embeds: a page should stay small.
    static let maximumBytes = 200_000
}

extension Workspace {
    /// The logo named in `publication.logo`, or `nil` when none is set.
    public func logo() throws -> LogoImage? {
        guard let name = settings.publication.logo else { return nil }
        let path = Self.join(directory, name)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw WorkspaceError.invalidSettings(
                file: settingsPath, line: nil, column: nil, field: "publication.logo",
                message: "cannot read the logo \(path): put the file in the workspace folder, or remove \"logo\"")
        }
        defer { try? handle.close() }
        let data = handle.readData(ofLength: LogoImage.maximumBytes + 1)
        guard data.count <= LogoImage.maximumBytes else {
            throw WorkspaceError.invalidSettings(
                file: settingsPath, line: nil, column: nil, field: "publication.logo",
                message:
                    "the logo \(path) is over \(LogoImage.maximumBytes / 1000) KB: use a smaller image (an SVG, or a PNG about 300 pixels wide)"
            )
        }
        let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return LogoImage(
            fileName: name, mimeType: PublicationSettings.logoTypes[ext] ?? "application/octet-stream",
            data: [UInt8](data))
    }
}
