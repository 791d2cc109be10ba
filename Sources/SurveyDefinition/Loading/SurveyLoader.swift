import Foundation

/// Loads survey definitions from JSON and checks every rule of the format,
/// reporting all problems with file, line and column.
///
///     let survey = try SurveyLoader().load(path: "Surveys/ehcp-parent-carer.json")
package struct SurveyLoader: Sendable {
    /// Names of periods defined in the workspace's engage.json (`"baseline"`), which a
    /// baseline may name besides the standard labels. Every baseline period label is
    /// checked, always, with ``PeriodCalendar/strict``: a definition is shared between
    /// workspaces, so "2019/20" (financial or academic?) is refused.
    package var periodNames: [String]

    /// Files larger than this are refused before parsing.
    static let maximumFileSize = 4 * 1024 * 1024

    /// A loader that also accepts the workspace's `periodNames` as baseline periods.
    package init(periodNames: [String] = []) {
        self.periodNames = periodNames
    }

    /// Loads a definition file.
    /// - Throws: ``DefinitionError`` listing every problem found.
    package func load(path: String) throws(DefinitionError) -> Survey {
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes[.size] as? Int, size > Self.maximumFileSize {
                throw DefinitionError(problems: [
                    DefinitionProblem(
                        file: path, position: nil,
                        message:
                            "the file is \(size / 1024 / 1024) MB; a survey definition is a few kilobytes (limit 4 MB). Is this the right file?"
                    )
                ])
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as DefinitionError {
            throw error
        } catch {
            throw DefinitionError(problems: [
                DefinitionProblem(
                    file: path, position: nil,
                    message: "cannot read the file: \(Self.reason(error)). Check the path and that you may read it.")
            ])
        }
        return try load(bytes: Array(data), file: path)
    }

    /// Loads a definition from its text; `file` names it in messages.
    package func load(text: String, file: String) throws(DefinitionError) -> Survey {
        try load(bytes: Array(text.utf8), file: file)
    }

    /// Loads a definition from bytes; `file` names it in messages.
    package func load(bytes: [UInt8], file: String) throws(DefinitionError) -> Survey {
        if bytes.count > Self.maximumFileSize {
            throw DefinitionError(problems: [
                DefinitionProblem(
                    file: file, position: nil,
                    message: "the definition is larger than 4 MB; a survey definition is a few kilobytes")
            ])
        }
        // Validated in place (transcoding into nothing stops at the first bad sequence).
        if transcode(bytes.makeIterator(), from: UTF8.self, to: UTF32.self, stoppingOnError: true, into: { _ in }) {
            throw DefinitionError(problems: [
                DefinitionProblem(
                    file: file, position: nil,
                    message: "the file is not UTF-8 text; save it as UTF-8 (in most editors: Save As, encoding UTF-8)")
            ])
        }
        let root = try JSONParser.definitionDocument(bytes, file: file)
        let reader = DefinitionReader(file: file)
        let survey = SurveyDecoder(reader: reader, periodNames: Set(periodNames.map { $0.lowercased() })).survey(root)
        guard reader.problems.isEmpty, let survey else {
            var problems = reader.problems
            if problems.isEmpty {
                problems.append(
                    DefinitionProblem(file: file, position: root.position, message: "the definition could not be read"))
            }
            throw DefinitionError(problems: problems)
        }
        return survey
    }

    /// Whether a file is a JSON Schema (such as `Surveys/survey.schema.json`) rather than a
    /// survey definition, so `engage survey validate Surveys/*.json` can skip it.
    package static func isJSONSchemaDocument(path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path), data.count < maximumFileSize,
            let root = try? JSONParser(bytes: Array(data)).parsedDocument()
        else { return false }
        return root["$schema"]?.stringValue?.contains("json-schema.org") == true
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
            let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue))
        }
        if ns.domain == NSCocoaErrorDomain && ns.code == NSFileReadNoSuchFileError { return "no such file" }
        return ns.localizedDescription
    }
}
