/// The shell every HTML page engage writes shares: one self-contained document (no
/// scripts, fonts or images from elsewhere), the organisation's masthead, a skip link,
/// and one stylesheet that is mobile-first (readable at 390 px without sideways
/// scrolling of the page, text at least 16 px) and prints on A4.
enum HTMLPage {
    /// The whole document. `marker`, when given, is shown above everything (internal
    /// outputs: "internal — do not publish").
    static func document(title: String, page: PageFurniture, marker: String?, body: String, extraStyle: String = "")
        -> String
    {
        let h = Escaping.html
        var masthead = "<div class=\"masthead\"><div class=\"wrap\">"
        if let uri = page.logoDataURI {
            masthead += "<img class=\"logo\" src=\"\(h(uri))\" alt=\"\(h(page.logoText))\"/>"
            if page.logoText != page.organisation { masthead += "<span class=\"org\">\(h(page.organisation))</span>" }
        } else {
            masthead += "<span class=\"org\">\(h(page.organisation))</span>"
        }
        masthead += "</div></div>"
        let banner = marker.map { "<div class=\"internal\" role=\"note\"><strong>\(h($0))</strong></div>" } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="en-GB" xmlns="http://www.w3.org/1999/xhtml">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(h(title))</title>
            <style>:root{--brand:\(page.colour);--on-brand:\(page.textColour)}\(stylesheet)\(extraStyle)</style>
            </head>
            <body>
            <a class="skip" href="#main">Skip to the main content</a>
            <header>\(banner)\(masthead)</header>
            \(body)
            </body>
            </html>

            """
    }

    /// The page's facts as a `<dl class="meta">`: `first` (a quarter's page gives its
    /// period and publication date), then when the next update is due and who to
    /// contact; empty when there is nothing to say.
    static func meta(_ page: PageFurniture, first: [(String, String)] = []) -> String {
        let h = Escaping.html
        var rows = first
        if let next = page.nextUpdate {
            rows.append(
                ("Next update", "By \(PlainDates.long(next))" + (page.nextPeriod.map { ", covering \($0)" } ?? "")))
        }
        if let contact = page.contact { rows.append(("Contact", contact)) }
        guard !rows.isEmpty else { return "" }
        return "<dl class=\"meta\">" + rows.map { "<dt>\(h($0.0))</dt><dd>\(h($0.1))</dd>" }.joined() + "</dl>"
    }

    /// Mobile first; wider screens and print adjust it.
    static let stylesheet = """
        *,*::before,*::after{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
        body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;font-size:1rem;line-height:1.5;color:#0b0c0c;background:#ffffff;overflow-wrap:break-word}
        .wrap,main,.page-foot{max-width:62rem;margin:0 auto;padding:0 1rem}
        .skip{position:absolute;left:-10000px;top:auto}.skip:focus{left:1rem;top:1rem;background:#ffdd00;color:#0b0c0c;padding:.5rem;z-index:9}
        .masthead{background:var(--brand);color:var(--on-brand);padding:.75rem 0}
        .masthead .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem}
        .masthead .logo{height:3rem;width:auto;display:block}.masthead .org{font-weight:700;font-size:1.125rem}
        .internal{background:#d4351c;color:#ffffff;padding:.75rem 1rem;font-size:1.125rem;text-align:center}
        h1{font-size:2rem;line-height:1.2;margin:1.5rem 0 .5rem}
        h2{font-size:1.5rem;line-height:1.25;margin:2.5rem 0 1rem;padding-bottom:.25rem;border-bottom:3px solid var(--brand)}
        h3{font-size:1.25rem;line-height:1.3;margin:0 0 .5rem}
        p,li,dd,td,th{font-size:1rem}
        a{color:#1d5383}a:focus{outline:3px solid #ffdd00;background:#ffdd00;color:#0b0c0c}
        .lede{font-size:1.1875rem}
        .meta{display:grid;grid-template-columns:1fr;gap:0 1.5rem;margin:1rem 0;padding:1rem 0;border-top:1px solid #b1b4b6;border-bottom:1px solid #b1b4b6}
        .meta dt{font-weight:700}.meta dd{margin:0 0 .5rem}
        .how{background:#f3f2f1;border-left:6px solid var(--brand);padding:1rem;margin:1.5rem 0}
        .how h2{margin-top:0;border:0;font-size:1.25rem}.how ul{padding-left:1.25rem;margin:.5rem 0}
        table{border-collapse:collapse;width:100%;margin:1rem 0}caption{text-align:left;font-weight:700;padding:.25rem 0}
        th,td{border:1px solid #b1b4b6;padding:.5rem;text-align:left;vertical-align:top}thead th{background:#f3f2f1}td.num{white-space:nowrap}
        .rag{display:inline-block;font-weight:700;padding:0 .4rem;border:2px solid #0b0c0c;white-space:nowrap}
        .rag-GREEN{background:#cce2d8}.rag-AMBER{background:#fff1c2}.rag-RED{background:#f6d7d2}.rag-BLUE{background:#d2e2f1}
        .status{font-weight:700}
        blockquote{border-left:4px solid var(--brand);margin:.75rem 0;padding:.25rem .75rem;background:#f3f2f1}
        section.item{border:1px solid #b1b4b6;border-top:5px solid var(--brand);padding:1rem;margin:1.5rem 0}
        .label{font-weight:700}.note{color:#505a5f}.unapproved{color:#d4351c;font-weight:700}
        .figure{font-size:1.5rem;font-weight:700;margin:.25rem 0}
        .charts{display:flex;flex-wrap:wrap;gap:1rem 2rem;align-items:flex-start}
        .charts figure{margin:0;flex:1 1 18rem;max-width:28rem}.charts figcaption{color:#505a5f}
        svg.chart{display:block;width:100%;height:auto}
        .scroll{overflow-x:auto;max-width:100%}
        .page-foot{margin-top:3rem;padding-top:.5rem;border-top:3px solid var(--brand);color:#0b0c0c}
        .page-foot ul{padding-left:1.25rem}.hash{font-family:ui-monospace,Menlo,Consolas,monospace;overflow-wrap:anywhere;word-break:break-all}
        @media screen and (max-width:47.99em){
          table.reflow caption{display:block}
          table.reflow thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
          table.reflow,table.reflow tbody,table.reflow tr,table.reflow th,table.reflow td{display:block;width:100%}
          table.reflow tr{border:1px solid #b1b4b6;margin:0 0 1rem;padding:.5rem .75rem}
          table.reflow th,table.reflow td{border:0;padding:.2rem 0}
          table.reflow th[scope=row]{font-size:1.125rem}
          table.reflow td[data-label]::before{content:attr(data-label) ": ";font-weight:700}
          td.num{white-space:normal}
        }
        @media (min-width:48em){.meta{grid-template-columns:max-content minmax(0,1fr)}h1{font-size:2.5rem}}
        @media screen and (min-width:60em){
          section.item{display:flex;gap:2rem;align-items:flex-start}
          section.item>.words{flex:1 1 auto;min-width:0}section.item>.charts{flex:0 0 22rem;flex-direction:column}
        }
        @page{size:A4;margin:12mm 12mm 13mm}
        @media print{
          html{font-size:9pt}body{line-height:1.3}
          .wrap,main,.page-foot{max-width:none;padding:0}
          .skip{display:none}
          .masthead,.internal,.rag,thead th,.how,blockquote{-webkit-print-color-adjust:exact;print-color-adjust:exact}
          .masthead{padding:.4rem .6rem}.masthead .logo{height:2.4rem}
          h1{font-size:1.9rem;margin:.6rem 0 .3rem}.lede{font-size:1.1rem}
          h2{font-size:1.4rem;margin:1rem 0 .5rem;break-after:avoid;page-break-after:avoid}
          h3{break-after:avoid;page-break-after:avoid}
          .meta{grid-template-columns:max-content minmax(0,1fr);padding:.4rem 0;margin:.5rem 0}.meta dd{margin:0}
          .how{padding:.5rem .75rem;margin:.75rem 0;break-inside:avoid}
          section.item{padding:.5rem .75rem;margin:.6rem 0}section.item.keep{break-inside:avoid;page-break-inside:avoid}
          .words>p,.words>ul>li,.charts{break-inside:avoid;page-break-inside:avoid}.words>h3,.words>p.label{break-after:avoid;page-break-after:avoid}
          tr,blockquote,figure,li{break-inside:avoid;page-break-inside:avoid}
          th,td{padding:.25rem .4rem}
          section.item{display:flex;gap:1.25rem;align-items:flex-start}
          section.item>.words{flex:1 1 auto;min-width:0}section.item>.charts{flex:0 0 28%;flex-direction:column;gap:.3rem}
          .charts figure{flex:none;width:100%;max-width:none}.charts figure.answers{display:none}
          .glance th:nth-child(1){width:27%}.glance th:nth-child(2){width:11%}.glance th:nth-child(3){width:22%}.glance th:nth-child(4){width:13%}
          a{color:inherit;text-decoration:none}
          .page-foot{margin-top:1rem}.page-foot li{font-size:.85rem}
        }
        """
}
