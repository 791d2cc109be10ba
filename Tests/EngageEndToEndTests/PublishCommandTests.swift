import Foundation
import TestSupport
import Testing

/// `engage publish` builds a static site quarter by quarter, and never changes a
/// quarter once published.
@Suite("engage publish: the archive of public pages")
struct PublishCommandTests {
    static func files(_ root: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let fm = FileManager.default
        for case let path as String in fm.enumerator(atPath: root)! {
            var isDirectory: ObjCBool = false
            let full = (root as NSString).appendingPathComponent(path)
            if fm.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                out[path] = fm.contents(atPath: full)
            }
        }
        return out
    }

    @Test(
        "publishing a second quarter leaves the first byte-identical, lists both newest first, and refuses to publish one again"
    )
    func earlierQuartersFrozen() throws {
        let runner = try SummaryCommandTests.demoWorkspace()
        defer { runner.cleanUp() }
        let first = try runner.run("publish", "--workspace", "ws", "--into", "site", "--period", "2021-22 Q1")
        #expect(first.status == 0, "\(first.stderr)")
        let before = try Self.files(runner.path("site"))
        #expect(
            Set(before.keys) == [
                "index.html", "published.json", "2021-22-q1/index.html", "2021-22-q1/data.csv", "2021-22-q1/data.json",
            ])
        let second = try runner.run("publish", "--workspace", "ws", "--into", "site", "--period", "2021-22 Q2")
        #expect(second.status == 0, "\(second.stderr)")
        let after = try Self.files(runner.path("site"))
        for (path, data) in before where path.hasPrefix("2021-22-q1/") {
            #expect(after[path] == data, "\(path) changed")
        }
        #expect(
            after["2021-22-q2/index.html"] != nil && after["2021-22-q2/data.csv"] != nil
                && after["2021-22-q2/data.json"] != nil)
        // The listing: newest first, each with its page and data.
        let index = String(decoding: after["index.html"] ?? Data(), as: UTF8.self)
        let q2 = try #require(index.range(of: "2021-22-q2/index.html"))
        let q1 = try #require(index.range(of: "2021-22-q1/index.html"))
        #expect(q2.lowerBound < q1.lowerBound)
        #expect(
            index.contains("July to September 2021") && index.contains("April to June 2021")
                && index.contains("2021-22-q1/data.csv"))
        // The data behind a page is the public data: its JSON says so.
        let json = try JSONSerialization.jsonObject(with: after["2021-22-q2/data.json"] ?? Data()) as? [String: Any]
        #expect(json?["audience"] as? String == "public")
        // Publishing a quarter again is refused, and nothing changes.
        let again = try runner.run("publish", "--workspace", "ws", "--into", "site", "--period", "2021-22 Q1")
        #expect(again.status == 1 && again.stderr.contains("frozen"), "\(again.stderr)")
        #expect(try Self.files(runner.path("site")) == after)
    }

    @Test(
        "publishing into the workspace's own folder leaves what the workspace stores as it was; a site whose files link to the workspace's files is refused and nothing is written"
    )
    func workspaceFilesNeverReplaced() throws {
        let runner = try SummaryCommandTests.demoWorkspace()
        defer { runner.cleanUp() }
        let stored = try BackupCommandTests.state(runner)

        // The workspace's folder as the site: the site's files go beside the workspace's.
        let inside = try runner.run("publish", "--workspace", "ws", "--into", "ws", "--period", "2021-22 Q1")
        #expect(inside.status == 0, "\(inside.stderr)")
        #expect(try BackupCommandTests.state(runner) == stored)
        #expect(FileManager.default.fileExists(atPath: runner.path("ws/2021-22-q1/index.html")))
        #expect(try runner.run("check", "--workspace", "ws").status == 0)

        // A site whose listing page is a link (symbolic or hard) to the settings or the
        // database: writing through it would replace the workspace's file.
        let fm = FileManager.default
        for (site, make) in [
            (
                "symlink-settings",
                { try fm.createSymbolicLink(atPath: $0, withDestinationPath: runner.path("ws/engage.json")) }
            ),
            (
                "symlink-database",
                { try fm.createSymbolicLink(atPath: $0, withDestinationPath: runner.path("ws/engage.sqlite")) }
            ),
            ("hardlink-settings", { try fm.linkItem(atPath: runner.path("ws/engage.json"), toPath: $0) }),
        ] as [(String, (String) throws -> Void)] {
            try fm.createDirectory(atPath: runner.path(site), withIntermediateDirectories: true)
            try make(runner.path(site + "/index.html"))
            let result = try runner.run("publish", "--workspace", "ws", "--into", site, "--period", "2021-22 Q2")
            #expect(result.status == 1, "\(site): \(result.stdout)")
            #expect(
                result.stderr.contains("index.html") && result.stderr.contains("never"), "\(site): \(result.stderr)")
            #expect(try BackupCommandTests.state(runner) == stored, "\(site)")
            #expect(try fm.contentsOfDirectory(atPath: runner.path(site)) == ["index.html"], "\(site)")
        }
        #expect(try runner.run("check", "--workspace", "ws").status == 0)
    }
}
