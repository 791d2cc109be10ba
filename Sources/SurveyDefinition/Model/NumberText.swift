/// Numbers as engage writes them, without Foundation's locale or exponent forms: the
/// one place each way of writing a number is decided (definitions, settings, reports,
/// charts and the CLI all use these).
package enum NumberText {
    /// A whole value without ".0" (`58`), any other as Swift writes it most briefly
    /// (`58.5`): for numbers read from a file and written back or quoted in a message.
    package static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// Rounded half away from zero to at most `places` decimals, trailing zeros dropped
    /// (`12.5`, `13`, `99.9`): for figures where the last decimals mean nothing (chart
    /// coordinates, confidence levels, sums of shares).
    package static func brief(_ value: Double, places: Int) -> String {
        var text = fixed(value, places: places)
        guard places > 0 else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// Exactly `places` decimals, rounded half away from zero (`0.05`, `12.50`).
    package static func fixed(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return String(value) }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 1e15 else { return String(value) }
        let whole = Int64(scaled / scale)
        var fraction = String(Int64(scaled) - whole * Int64(scale))
        while fraction.count < places { fraction = "0" + fraction }
        return (value < 0 && scaled > 0 ? "-" : "") + "\(whole)" + (places > 0 ? "." + fraction : "")
    }
}
