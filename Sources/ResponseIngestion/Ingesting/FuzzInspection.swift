import Foundation
import SurveyDefinition

/// What every ingestion fuzz target (Fuzz/) checks of one input: the file at `path`,
/// inspected as `engage inspect` does but with buffers and batches sized from the
/// input so that refills and hand-offs fall everywhere, must give a report whose counts
/// balance, or a clear ``IngestionError``. The targets stop the fuzzer on a failure.
package enum FuzzInspection {
    /// What went wrong, or `nil` when the input was read or refused cleanly.
    package static func failure(path: String, survey: Survey, size: Int) -> String? {
        var options = IngestionOptions(now: 1_900_000_000)
        options.chunkSize = 1 + size % 97
        options.batchSize = 1 + size % 5
        do {
            let report = try Ingestor(survey: survey, options: options).inspect(path: path)
            if !report.balances { return "accepted + set aside + rejected != rows read" }
            _ = report.text()
        } catch is IngestionError {
            // A clear refusal is a correct answer.
        } catch {
            return "unexpected error type: \(error)"
        }
        return nil
    }
}
