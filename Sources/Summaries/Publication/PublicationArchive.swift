import Foundation
import ResponseStore

/// A small static site of every published quarter, as a council's "We asked, you said,
/// we did" listing: `index.html` lists the quarters newest first; each quarter has its
/// own folder with the public page (`index.html`) and the data behind it (`data.csv`,
/// `data.json`). Publishing adds a quarter and rewrites only the listing
/// (`index.html`, `published.json`): a quarter once published is frozen as it stood,
/// byte for byte, and publishing it again is refused.
///
/// Every file is written whole or not at all through ``OutputTarget`` (a temporary file
/// beside it, renamed into place), which refuses the files it is told to protect (the
/// workspace's database, settings and definitions) and any SQLite database, by resolved
/// path and by identity on disk: a site folder that is the workspace's own folder, or
/// holds a link to one of its files, can never replace them.
package enum PublicationArchive {
    /// One published quarter, as the listing records it (`published.json`).
    package struct Entry: Codable, Sendable, Equatable {
        /// The quarter's label.
        package var label: String
        /// Its first day, `YYYY-MM-DD`.
        package var from: String
        /// Its last day, `YYYY-MM-DD`.
        package var to: String
        /// The quarter's folder, e.g. `2021-22-q2`.
        package var folder: String
        /// ISO date it was published.
        package var published: String
        /// Findings on the page.
        package var items: Int
    }

    /// Why a quarter could not be published.
    package enum ArchiveError: Error, CustomStringConvertible, Equatable {
        case alreadyPublished(folder: String, published: String)
        case notPublic
        case cannotWrite(path: String, reason: String)
        case badListing(path: String, reason: String)

        /// The message a user reads, with what to do.
        package var description: String {
            switch self {
            case .alreadyPublished(let folder, let published):
                return
                    "\(folder) was published on \(published) and is frozen as it stood: publishing changes no earlier quarter. Publish another quarter, or publish into a new folder."
            case .notPublic:
                return "only a public summary can be published (this one is internal)"
            case .cannotWrite(let path, let reason):
                return "cannot write \(path): \(reason)"
            case .badListing(let path, let reason):
                return
                    "\(path) is not a listing engage wrote (\(reason)); publish into an empty folder or one engage publishes into"
            }
        }
    }

    static let listingName = "published.json"

    /// The folder name for a period label: "2021-22 Q2" -> "2021-22-q2".
    static func folder(for label: String) -> String {
        var out = ""
        for ch in label.lowercased() {
            if ch.isLetter || ch.isNumber { out.append(ch) } else if !out.hasSuffix("-") { out.append("-") }
        }
        return out.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }

    /// Adds `summary` (public) to the site in `directory` and rewrites the listing.
    /// `protecting` lists files that must never be written (``Workspace/ownFiles``).
    @discardableResult
    package static func publish(_ summary: Summary, into directory: String, protecting protected: [String] = [])
        throws -> (entry: Entry, listing: [Entry])
    {
        guard summary.audience == .public else { throw ArchiveError.notPublic }
        let fm = FileManager.default
        var listing = try read(directory)
        let name = folder(for: summary.period.label)
        let folderPath = (directory as NSString).appendingPathComponent(name)
        if let earlier = listing.first(where: { $0.folder == name }) {
            throw ArchiveError.alreadyPublished(folder: folderPath, published: earlier.published)
        }
        if fm.fileExists(atPath: folderPath) {
            throw ArchiveError.alreadyPublished(folder: folderPath, published: "an earlier date")
        }
        // The listing's two files are checked before the quarter is written, so a listing
        // that could not be replaced leaves no new quarter behind.
        do {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ArchiveError.cannotWrite(path: directory, reason: error.localizedDescription)
        }
        let listingPath = (directory as NSString).appendingPathComponent(listingName)
        let indexPath = (directory as NSString).appendingPathComponent("index.html")
        for path in [listingPath, indexPath] { try checkWritable(path, protecting: protected) }
        // The quarter's files go into a hidden folder that is renamed into place when all
        // three are written: a quarter is published whole or not at all, never frozen
        // half written (a full disk after its page, say).
        let partial = (directory as NSString).appendingPathComponent("." + name + ".engage-partial")
        try? fm.removeItem(atPath: partial) // left by a publish that was killed
        do {
            try fm.createDirectory(atPath: partial, withIntermediateDirectories: false)
            try write(
                summary.html(), to: (partial as NSString).appendingPathComponent("index.html"), protecting: protected)
            try write(
                summary.csv(), to: (partial as NSString).appendingPathComponent("data.csv"), protecting: protected)
            try write(
                try summary.json(), to: (partial as NSString).appendingPathComponent("data.json"), protecting: protected
            )
            try fm.moveItem(atPath: partial, toPath: folderPath)
        } catch {
            try? fm.removeItem(atPath: partial)
            if let error = error as? ArchiveError { throw error }
            throw ArchiveError.cannotWrite(path: folderPath, reason: error.localizedDescription)
        }
        let entry = Entry(
            label: summary.period.label, from: summary.period.from, to: summary.period.to, folder: name,
            published: summary.page.published, items: summary.items.count)
        listing.append(entry)
        listing.sort { ($0.from, $0.to) > ($1.from, $1.to) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try write(
            String(decoding: try encoder.encode(listing), as: UTF8.self) + "\n", to: listingPath, protecting: protected)
        try write(indexHTML(listing, page: summary.page), to: indexPath, protecting: protected)
        return (entry, listing)
    }

    /// The quarters already published into `directory` (none when it is new).
    package static func read(_ directory: String) throws -> [Entry] {
        let path = (directory as NSString).appendingPathComponent(listingName)
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        do {
            return try JSONDecoder().decode([Entry].self, from: data)
        } catch {
            throw ArchiveError.badListing(path: path, reason: "\(error)")
        }
    }

    /// Writes `text` to `path` whole or not at all, never over a protected file.
    static func write(_ text: String, to path: String, protecting protected: [String]) throws {
        do {
            try OutputTarget.write(text, to: path, protecting: protected)
        } catch {
            throw ArchiveError.cannotWrite(path: path, reason: error.description)
        }
    }

    /// Refuses `path` now, as ``write(_:to:protecting:)`` would, writing nothing.
    static func checkWritable(_ path: String, protecting protected: [String]) throws {
        do {
            try OutputTarget(path: path, protecting: protected).discard()
        } catch {
            throw ArchiveError.cannotWrite(path: path, reason: error.description)
        }
    }

    /// The listing page: every published quarter, newest first, with its page and data.
    static func indexHTML(_ listing: [Entry], page: PageFurniture) -> String {
        let h = Escaping.html
        var body = [
            "<main id=\"main\">", "<h1>You said, we did</h1>",
            "<p class=\"lede\">What families told us each quarter, what we did about it, and what has changed since. The newest first; each page stays as it was published.</p>",
        ]
        let meta = HTMLPage.meta(page)
        if !meta.isEmpty { body.append(meta) }
        body.append("<h2 id=\"quarters\">Published quarters</h2><ul class=\"listing\">")
        for e in listing {
            let when = PlainDates.period(from: e.from, to: e.to)
            body.append(
                "<li><h3><a href=\"\(h(e.folder))/index.html\">\(h(when))</a></h3><p>Published \(h(PlainDates.long(e.published))); \(e.items) finding\(e.items == 1 ? "" : "s"). Data behind it: <a href=\"\(h(e.folder))/data.csv\">CSV<span class=\"visually-hidden\"> for \(h(when))</span></a>, <a href=\"\(h(e.folder))/data.json\">JSON<span class=\"visually-hidden\"> for \(h(when))</span></a>.</p></li>"
            )
        }
        body.append("</ul></main>")
        return HTMLPage.document(
            title: "You said, we did - \(page.organisation)", page: page, marker: nil,
            body: body.joined(separator: "\n"),
            extraStyle:
                ".listing{list-style:none;padding:0}.listing li{border-top:1px solid #b1b4b6;padding:.75rem 0}.listing h3{margin:0}.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}"
        )
    }
}
