import Foundation

// engage-bench: tools for measuring engage. `generate` writes a synthetic export;
// Benchmarks/run drives the timings. Not part of engage itself.
let arguments = Array(CommandLine.arguments.dropFirst())
let usage = """
    usage: engage-bench generate --responses N [--seed S] [--workbook] --output FILE
      Writes a deterministic synthetic Google Forms export of ehcp-parent-carer
      (BOM, CRLF, grid headers, comments with commas, quotes and line breaks);
      with --workbook, the same responses as a Microsoft Forms .xlsx workbook.
    """
func value(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}
guard arguments.first == "generate", let n = value("--responses").flatMap(Int.init), n >= 0,
    let output = value("--output")
else {
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(64)
}
do {
    let started = Date()
    let export = ExportGenerator(responses: n, seed: value("--seed").flatMap(UInt64.init) ?? 2026)
    let bytes =
        arguments.contains("--workbook")
        ? try WorkbookGenerator(export: export).write(to: output) : try export.write(to: output)
    print(
        "wrote \(output): \(n) responses, \(bytes) bytes in \(String(format: "%.2f", Date().timeIntervalSince(started))) s"
    )
} catch {
    FileHandle.standardError.write(Data("engage-bench: \(error)\n".utf8))
    exit(1)
}
