import Foundation

/// Points at which the end-to-end tests can hold engage still, so that what happens
/// during an import (a file changed under it, a second import, a reader) is tested by
/// the order of events instead of by timing. Inert unless the environment names them.
///
/// `ENGAGE_TEST_PAUSE_DIR=DIR` with `ENGAGE_TEST_PAUSE_AFTER_ROWS=N`: an import, having
/// handed N rows to the store (inside its transaction), creates `DIR/paused` and waits
/// until `DIR/resume` exists (for at most ten minutes).
///
/// `ENGAGE_TEST_WAIT_MARK=FILE`: a command waiting for another writer creates FILE when
/// it says that it is waiting (``WorkspaceAccess/openForWriting(_:_:)``).
enum TestHooks {
    struct ImportPause {
        let directory: String
        let rows: Int

        func wait() {
            let fm = FileManager.default
            _ = fm.createFile(atPath: directory + "/paused", contents: Data())
            var waited = 0
            while !fm.fileExists(atPath: directory + "/resume") && waited < 60_000 {
                usleep(10_000)
                waited += 1
            }
        }
    }

    static func importPause(_ environment: [String: String]) -> ImportPause? {
        guard let directory = environment["ENGAGE_TEST_PAUSE_DIR"], !directory.isEmpty,
              let rows = environment["ENGAGE_TEST_PAUSE_AFTER_ROWS"].flatMap(Int.init), rows > 0 else { return nil }
        return ImportPause(directory: directory, rows: rows)
    }
}
