import Foundation

extension IngestionReport {
    /// The report as an engagement officer reads it in a terminal.
    public func text(showAllColumns: Bool = true) -> String {
        var lines: [String] = []
        lines.append("\(file)")
        lines.append("  survey:      \(survey)")
        lines.append(
            "  format:      \(format.displayName)\(formatDetected ? " (detected from the headers)" : " (as given)")")
        if isWorkbook {
            lines.append("  workbook:    \(origin ?? "a sheet")")
            lines.append(
                "  header:      "
                    + (headerRows == 1
                        ? "row \(firstHeaderLine)" : "rows \(firstHeaderLine)-\(firstHeaderLine + headerRows - 1)"))
            lines.append(
                "  date cells:  "
                    + (dateCells.isEmpty
                        ? "none (dates, if any, are text)"
                        : dateCells.map { cells in
                            "\"\(header(ofColumn: cells.column).singleLine.truncated(40))\" (column \(SheetReader.columnName(cells.column)), \(cells.count) from row \(cells.firstRow))"
                        }.joined(separator: ", ")))
        } else {
            if let origin { lines.append("  zip member:  \(origin)") }
            lines.append(
                "  encoding:    \(encoding), separator \(delimiter), \(headerRows) header row\(headerRows == 1 ? "" : "s")"
            )
        }
        lines.append("  dates:       \(dateOrder)")
        lines.append("")
        lines.append("  COLUMNS")
        for c in columns {
            let use: String
            switch c.use {
            case .answer(let q): use = "→ question \(q)"
            case .optionTick(let q, let o): use = "→ question \(q), option \(o)"
            case .metadata(let role): use = "metadata: \(role.rawValue)"
            case .ignored: use = "ignored (\(c.matchedBy.isEmpty ? "mapping file" : c.matchedBy))"
            case .unmatched:
                use =
                    "NOT MATCHED"
                    + (suggestions[c.index].map {
                        " (nearest question: \($0); add the header to its alternativeTexts or use a mapping file)"
                    } ?? "")
            }
            if showAllColumns || c.use == .unmatched {
                lines.append(
                    "  \(String(c.index + 1).leftPadded(3))  \(c.header.singleLine.truncated(60).padded(60))  \(use)")
            }
        }
        if !missingQuestions.isEmpty {
            lines.append("  questions with no column: \(missingQuestions.joined(separator: ", "))")
        }
        lines.append("")
        if problems.isEmpty {
            var setAsideText = "\(setAsideTotal) set aside"
            if !setAside.isEmpty {
                setAsideText +=
                    " (" + setAside.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                    + ")"
            }
            lines.append(
                "  ROWS: \(dataRows) data row\(dataRows == 1 ? "" : "s") read: \(accepted) accepted, \(setAsideText), \(rejected) rejected"
                    + (balances ? "" : "  [COUNTS DO NOT ADD UP: please report this]"))
            if blankLines > 0 { lines.append("  (\(blankLines) blank line\(blankLines == 1 ? "" : "s") skipped)") }
        } else {
            lines.append("  NOT USABLE (\(dataRows) data row\(dataRows == 1 ? "" : "s") not read):")
            for p in problems { lines.append("  - \(p)") }
        }
        if !sampleRejections.isEmpty {
            lines.append("")
            lines.append(
                "  REJECTED ROWS"
                    + (rejected > sampleRejections.count ? " (first \(sampleRejections.count) of \(rejected))" : ""))
            for r in sampleRejections {
                var place = "line \(r.line)"
                if let column = r.column { place += ", column \"\(column.singleLine.truncated(40))\"" }
                lines.append("  - \(place): \(r.reason)")
            }
        }
        if !notes.isEmpty {
            lines.append("")
            lines.append("  NOTES")
            for n in notes { lines.append("  - \(n)") }
        }
        return lines.joined(separator: "\n")
    }

    /// The header of a column, or its letter when it has none.
    func header(ofColumn index: Int) -> String {
        columns.first { $0.index == index }?.header ?? "column \(SheetReader.columnName(index))"
    }

    /// A column of the file that gave nothing to the store, and why.
    package struct UnusedColumn: Sendable, Equatable {
        /// 1 for the first column.
        package var position: Int
        /// The column's header.
        package var header: String
        /// Why it was not used.
        package var reason: String
    }

    /// Every column whose cells were not stored, with the reason: matched no question,
    /// ignored, or metadata engage reads but does not keep (e-mail, IP address, start
    /// time...). Columns giving an answer, the submitted time, the response id, a status
    /// or finished flag, or names (used to remove names from quotes) are used.
    package var unusedColumns: [UnusedColumn] {
        columns.compactMap { c in
            let reason: String
            switch c.use {
            case .answer, .optionTick: return nil
            case .metadata(let role):
                switch role {
                case .submitted, .responseID, .status, .finished, .firstName, .lastName, .fullName: return nil
                case .started: reason = "start time, not used: a response belongs to the date it was submitted"
                case .lastModified: reason = "last modified time, not stored"
                case .email: reason = "e-mail address: personal data, not imported"
                case .personal: reason = "personal data, not imported"
                case .other: reason = "platform metadata, not imported"
                }
            case .ignored:
                reason =
                    c.matchedBy.isEmpty || c.matchedBy == "mapping file" || c.matchedBy == "--map"
                    ? "ignored as the mapping says" : c.matchedBy
            case .unmatched:
                if !c.matchedBy.isEmpty {
                    reason = c.matchedBy + "; not imported"
                } else if let q = suggestions[c.index] {
                    reason =
                        "matches no question of survey \(survey), not imported; nearest question: \(q) (if it is that question, map it with --map \(c.index + 1)=\(q))"
                } else {
                    reason = "matches no question of survey \(survey), not imported"
                }
            }
            return UnusedColumn(position: c.index + 1, header: c.header, reason: reason)
        }
    }

    /// The report as a JSON object, for scripts.
    public func jsonObject() -> [String: Any] {
        var columnList: [[String: Any]] = []
        for c in columns {
            var entry: [String: Any] = ["column": c.index + 1, "header": c.header]
            switch c.use {
            case .answer(let q):
                entry["question"] = q
                entry["matchedBy"] = c.matchedBy
            case .optionTick(let q, let o):
                entry["question"] = q
                entry["option"] = o
                entry["matchedBy"] = c.matchedBy
            case .metadata(let role): entry["metadata"] = role.rawValue
            case .ignored:
                entry["ignored"] = true
                entry["matchedBy"] = c.matchedBy
            case .unmatched:
                entry["unmatched"] = true
                if let s = suggestions[c.index] { entry["nearestQuestion"] = s }
            }
            columnList.append(entry)
        }
        return [
            "file": file, "survey": survey, "format": format.rawValue, "formatDetected": formatDetected,
            "encoding": encoding, "delimiter": delimiter, "headerRows": headerRows,
            "dateOrder": dateOrder.order?.rawValue ?? NSNull(), "dateOrderReason": dateOrder.description,
            "columns": columnList, "missingQuestions": missingQuestions,
            "rows": [
                "read": dataRows, "accepted": accepted, "setAside": setAsideTotal, "setAsideByReason": setAside,
                "rejected": rejected, "blankLines": blankLines, "balances": balances,
            ],
            "rejections": sampleRejections.map { r -> [String: Any] in
                [
                    "line": r.line, "column": r.column ?? NSNull(), "value": r.value ?? NSNull(), "reason": r.reason,
                    "code": r.code,
                ]
            },
            "notes": notes, "problems": problems, "usable": usable,
            "origin": origin ?? NSNull(), "workbook": isWorkbook, "firstHeaderLine": firstHeaderLine,
            "dateCells": dateCells.map { cells -> [String: Any] in
                [
                    "column": cells.column + 1, "header": header(ofColumn: cells.column), "count": cells.count,
                    "firstRow": cells.firstRow,
                ]
            },
        ]
    }
}

extension String {
    var singleLine: String {
        replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ").replacingOccurrences(
            of: "\r", with: " ")
    }

    func truncated(_ n: Int) -> String { count <= n ? self : String(prefix(n - 1)) + "…" }

    func padded(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }

    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
