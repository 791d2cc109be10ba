#!/usr/bin/env python3
"""Renders an engage HTML page the way its readers see it and checks it.

    scripts/check-page.py PAGE.html [--out DIR] [--max-pages N]

In headless Chromium (Debian's `chromium` and `chromium-driver`, driven by Selenium):
  * at 390 px (a phone) and 1280 px (a desktop): takes a screenshot (DIR/page-390.png,
    DIR/page-1280.png) and lists every element that reaches past the right edge of the
    viewport, unless it sits inside a box that scrolls sideways on its own (a wide
    table in a scrolling wrapper is allowed; a page that scrolls sideways is not);
  * lists text drawn smaller than 16 px (11 px inside a chart);
  * runs axe-core (shipped by the `axe-selenium-python` package) for WCAG 2.0 and 2.1,
    levels A and AA, at both widths, and lists every violation;
  * prints the page to PDF as the page's own print stylesheet says (DIR/page.pdf) and
    counts its pages and their size (A4 is 595 x 842 points).

Prints what it found (and DIR/check-page.json); exits 0 when nothing overflows, no
text is too small, axe finds no violation, the
PDF is A4 and has at most --max-pages pages (default 6); 1 otherwise; 2 when
Chromium, its driver or the Python packages are missing (`scripts/install-page-tools`
installs them).
"""
import argparse
import base64
import json
import os
import re
import shutil
import sys

OVERFLOW_JS = r"""
const width = document.documentElement.clientWidth;
const found = [];
const scrollsSideways = (el) => {
  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    const s = getComputedStyle(p);
    if (['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX) && p.getBoundingClientRect().right <= width + 0.5) return true;
  }
  return false;
};
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue;
  if (getComputedStyle(el).visibility === 'hidden') continue;
  if (r.right > width + 0.5 && !scrollsSideways(el)) {
    const text = (el.innerText || el.textContent || '').trim().slice(0, 60);
    found.push(`${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''} right=${Math.round(r.right)} "${text}"`);
  }
}
return {width, scrollWidth: document.documentElement.scrollWidth, found: found.slice(0, 30), count: found.length};
"""


def driver_for(width, height):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--hide-scrollbars", "--force-device-scale-factor=1", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or ""
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(service=service, options=options)
    # The viewport, not the window, must be `width` wide.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    return driver


def axe_source():
    """The newest axe-core at hand: $ENGAGE_AXE_JS, the copy scripts/install-page-tools
    keeps (axe-core 4.x), else the one the installed axe-selenium-python ships."""
    cache = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "engage-page-tools", "axe.min.js")
    candidates = [os.environ.get("ENGAGE_AXE_JS"), cache]
    try:
        import axe_selenium_python
        candidates.append(os.path.join(os.path.dirname(axe_selenium_python.__file__), "node_modules", "axe-core", "axe.min.js"))
    except ImportError:
        pass
    for path in candidates:
        if path and os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                return f.read()
    raise FileNotFoundError("axe.min.js (axe-core) not found")


def check_width(url, width, out, axe_js, body_min, chart_min):
    driver = driver_for(width, 900)
    try:
        driver.get(url)
        overflow = driver.execute_script(OVERFLOW_JS)
        # A full-length screenshot: the page's height at this width.
        height = driver.execute_script("return Math.ceil(document.documentElement.scrollHeight)")
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": min(height, 16000), "deviceScaleFactor": 1, "mobile": width < 600})
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
        with open(os.path.join(out, f"page-{width}.png"), "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        driver.execute_script(axe_js)
        result = driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            // The WCAG 2.0 and 2.1 A and AA rules this axe-core knows (older builds
            // tag 2.1's few new rules only as best practice; those run too).
            const known = new Set(axe.getRules().flatMap(r => r.tags));
            const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'].filter(t => known.has(t));
            axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
               .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                     nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').split('\\n').slice(1, 2).join(''))}))))
               .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));
        """)
        # Text smaller than the page promises: body text (outside charts) under
        # --body-text px, and chart text (SVG, measured as drawn) under --min-text px.
        small_text = driver.execute_script("""
            const [bodyMin, chartMin] = arguments;
            const small = [];
            for (const el of document.body.querySelectorAll('*')) {
              if (!el.childNodes.length) continue;
              const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
              if (!own) continue;
              const size = parseFloat(getComputedStyle(el).fontSize);
              const r = el.getBoundingClientRect();
              if (r.width === 0) continue;
              // SVG text is scaled with its chart: measure what is drawn.
              const svg = el instanceof SVGElement;
              const drawn = svg ? r.height : size;
              if (el.closest('title, desc')) continue;
              if (drawn < (svg ? chartMin : bodyMin)) small.push(`${svg ? 'chart ' : ''}${el.tagName.toLowerCase()} ${drawn.toFixed(1)}px "${el.textContent.trim().slice(0, 30)}"`);
            }
            return small.slice(0, 20);
        """, body_min, chart_min)
        version = driver.execute_script("return axe.version")
        return overflow, result, small_text, version
    finally:
        driver.quit()


def print_pdf(url, out):
    driver = driver_for(1280, 900)
    try:
        driver.get(url)
        pdf = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
        data = base64.b64decode(pdf["data"])
    finally:
        driver.quit()
    path = os.path.join(out, "page.pdf")
    with open(path, "wb") as f:
        f.write(data)
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", data))
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data))
    sizes = sorted({(round(float(w)), round(float(h))) for w, h in boxes})
    return path, pages, sizes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page")
    parser.add_argument("--out", default=".")
    parser.add_argument("--max-pages", type=int, default=6)
    parser.add_argument("--min-text", type=float, default=11, help="smallest chart text drawn, px (default 11)")
    parser.add_argument("--body-text", type=float, default=16, help="smallest text outside charts, px (default 16)")
    args = parser.parse_args()
    try:
        import selenium  # noqa: F401
        axe_js = axe_source()
    except Exception as error:  # what is missing, and how to get it
        print(f"check-page: cannot run ({error}); scripts/install-page-tools installs Chromium and the Python packages")
        return 2
    if not (shutil.which("chromium") or shutil.which("chromium-browser")) or not shutil.which("chromedriver"):
        print("check-page: Chromium or chromedriver not found; scripts/install-page-tools installs them")
        return 2
    os.makedirs(args.out, exist_ok=True)
    url = "file://" + os.path.abspath(args.page)
    failures = 0
    report = {}
    for width in (390, 1280):
        overflow, violations, small, version = check_width(url, width, args.out, axe_js, args.body_text, args.min_text)
        report[width] = {"overflow": overflow, "violations": violations, "smallText": small}
        print(f"{width} px: page {overflow['scrollWidth']} px wide in a {overflow['width']} px viewport; "
              f"{overflow['count']} element(s) past the right edge; {len(violations)} accessibility violation(s); "
              f"{len(small)} text(s) smaller than {args.body_text:g} px (charts: {args.min_text:g} px) (axe-core {version})")
        for line in overflow["found"]:
            print(f"  overflow: {line}")
        for v in violations:
            print(f"  axe {v['impact']}: {v['id']}: {v['help']}")
            for node in v["nodes"]:
                print(f"      {node}")
        for line in small:
            print(f"  small text: {line}")
        report[width]["axe"] = version
        if overflow["count"] or overflow["scrollWidth"] > overflow["width"] or violations or small:
            failures += 1
    path, pages, sizes = print_pdf(url, args.out)
    a4 = all(abs(min(w, h) - 595) <= 2 and abs(max(w, h) - 842) <= 2 for w, h in sizes) and sizes  # portrait or landscape
    print(f"PDF: {pages} page(s), page size(s) {sizes} points ({'A4' if a4 else 'not A4'}), {path}")
    report["pdf"] = {"pages": pages, "sizes": sizes, "a4": bool(a4)}
    if pages > args.max_pages or not a4:
        failures += 1
    with open(os.path.join(args.out, "check-page.json"), "w") as f:
        json.dump(report, f, indent=2)
    print("check-page: ok" if failures == 0 else "check-page: FAILED")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
