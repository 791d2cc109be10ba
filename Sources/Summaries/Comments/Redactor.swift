import Foundation
import ResponseIngestion

/// Removes personal details from free text before it may be quoted. Each becomes
/// "[removed]":
///
/// - e-mail addresses, written plainly or spelled out ("jo dot bloggs at gmail dot
///   com", "jo@gmail .com", "jo [at] gmail [dot] com"), social media handles, web
///   addresses;
/// - phone numbers in any spacing or bracketing, UK or international, digits spelled
///   as words, NHS and National Insurance numbers, case references, dates of birth,
///   UK postcodes with or without the space;
/// - street addresses ("12 Acacia Avenue, Grays"), flats, and named schools or
///   settings ("Woodside Academy");
/// - names introduced by who they are ("my son Oliver Smith", "caseworker Sarah
///   Jones", "Mrs Patel", "called Jack", "I'm Jo"), and every later mention of them;
/// - the respondent's own names (the export's name columns and the words of its
///   e-mail address) and every entry of the workspace's `redact` list (staff, schools,
///   places), whole and word by word.
///
/// Invisible and reordering characters are removed first (``InvisibleText``), so a
/// zero-width space cannot split a number past the patterns, and full-width letters
/// and digits are read as their plain forms.
///
/// What it cannot catch it reports as doubt (``Redaction/doubts``): a capitalised word
/// mid-sentence that is not a known word, a long run of digits left, an `@`. A quote
/// with any doubt, or with much of it removed, is not used (``QuoteChooser``). A name
/// typed in lower case and on no list, or at the start of a sentence, is not caught:
/// that is why quotes need an officer's approval (docs/security.md).
package struct Redactor: Sendable {
    /// What a removed detail is replaced with.
    package static let marker = "[removed]"

    /// Names from the export (first name, last name, full name, e-mail words).
    package let names: [String]
    /// The workspace's `redact` list: staff names, schools, places.
    package let listed: [String]
    /// Words that may be capitalised mid-sentence without doubt (the organisation's
    /// name, survey titles, theme words), lower-cased.
    let knownWords: Set<String>
    /// The names' and the list's patterns, built once.
    let namesTerms: Terms
    let listedTerms: Terms

    /// A redactor removing the respondent's `names`, the workspace's `listed` words, and trusting `knownWords`.
    package init(names: [String] = [], listed: [String] = [], knownWords: Set<String> = []) {
        self.names = names
        self.listed = listed
        self.knownWords = Set(knownWords.map { $0.lowercased() })
        namesTerms = Terms(names)
        listedTerms = Terms(listed)
    }

    /// The same list and known words with another respondent's names (the list's
    /// patterns are not built again).
    package func with(names: [String]) -> Redactor {
        Redactor(names: names, listed: listed, knownWords: knownWords, listedTerms: listedTerms)
    }

    init(names: [String], listed: [String], knownWords: Set<String>, listedTerms: Terms) {
        self.names = names
        self.listed = listed
        self.knownWords = knownWords
        namesTerms = Terms(names)
        self.listedTerms = listedTerms
    }

    /// The text with personal details replaced.
    package func redact(_ text: String) -> String { review(text).text }

    /// The redacted text with how much was removed and what is still in doubt.
    package func review(_ original: String) -> Redaction {
        let text = Self.prepare(original)
        guard let fixed = Self.patterns else {
            return Redaction(
                text: Self.marker, removals: 1, removedShare: 1, doubts: ["the redaction patterns could not be built"],
                wordsLeft: 0)
        }
        let shadow = Self.shadow(of: text)
        let ns = shadow as NSString
        let whole = NSRange(location: 0, length: ns.length)
        var ranges: [NSRange] = []
        var doubts: [String] = []
        var introduced: [String] = []
        for pattern in fixed {
            for match in pattern.regex.matches(in: shadow, range: whole) {
                var range = match.range
                if match.numberOfRanges > 1, match.range(at: 1).location != NSNotFound { range = match.range(at: 1) }
                guard range.length > 0 else { continue }
                let found = ns.substring(with: range)
                if let accept = pattern.accept, !accept(found) { continue }
                if pattern.isName {
                    // "my son EHCP", "I am Very": not a name.
                    guard let first = found.split(separator: " ").first.map(String.init), !isOrdinary(first) else {
                        continue
                    }
                    introduced.append(found)
                }
                ranges.append(range)
            }
        }
        // Names: the export's, the list's, and those the patterns found introduced,
        // wherever else they occur in the text.
        for terms in [namesTerms, listedTerms, Terms(introduced)] {
            if terms.failed { doubts.append("a name could not be matched") }
            for match in terms.regex?.matches(in: shadow, range: whole) ?? [] where match.range.length > 0 {
                ranges.append(match.range)
            }
        }
        let merged = Self.merge(ranges, in: ns)
        var out = ""
        var removed = 0
        var cursor = 0
        let source = text as NSString
        for r in merged {
            out += source.substring(with: NSRange(location: cursor, length: r.location - cursor)) + Self.marker
            removed += Self.visibleCount(source.substring(with: r))
            cursor = r.location + r.length
        }
        out += source.substring(from: cursor)
        let total = max(1, Self.visibleCount(text))
        doubts += doubtsLeft(in: out)
        return Redaction(
            text: out, removals: merged.count, removedShare: Double(removed) / Double(total), doubts: doubts,
            wordsLeft: Self.contentWords(in: out))
    }

    // MARK: - Preparing the text

    /// Invisible characters removed, controls as spaces, compatibility forms folded
    /// (full-width "０７７００" and "＠" read as "07700" and "@").
    static func prepare(_ text: String) -> String {
        InvisibleText.clean(text).precomposedStringWithCompatibilityMapping
    }

    /// The text the patterns read: diacritics folded and curly apostrophes straight,
    /// one UTF-16 unit for one, so a match's range is the same range of the text.
    static func shadow(of text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                out.append(scalar)
                continue
            }
            if scalar == "\u{2019}" || scalar == "\u{2018}" {
                out.append("'")
                continue
            }
            if (0x2010...0x2015).contains(scalar.value) || scalar.value == 0x2212 {
                out.append("-")
                continue
            }
            let folded = String(scalar).folding(options: [.diacriticInsensitive], locale: nil).unicodeScalars
            if folded.count == 1, let f = folded.first, f.utf16.count == scalar.utf16.count {
                out.append(f)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    static func visibleCount(_ s: String) -> Int {
        s.unicodeScalars.filter { !$0.properties.isWhitespace }.count
    }

    /// Sorted, overlapping ranges joined, and ranges with only spaces between them
    /// ("[removed] [removed]" reads better as one).
    static func merge(_ ranges: [NSRange], in text: NSString) -> [NSRange] {
        var result: [NSRange] = []
        for r in ranges.sorted(by: { ($0.location, -$0.length) < ($1.location, -$1.length) }) {
            if let last = result.last {
                let end = last.location + last.length
                let gap = r.location > end ? text.substring(with: NSRange(location: end, length: r.location - end)) : ""
                if r.location <= end || gap.allSatisfy({ $0 == " " }) {
                    result[result.count - 1] = NSRange(
                        location: last.location, length: max(end, r.location + r.length) - last.location)
                    continue
                }
            }
            result.append(r)
        }
        return result
    }

    // MARK: - Patterns

    struct Pattern: @unchecked Sendable {
        /// NSRegularExpression is immutable and documented as safe to share between threads.
        let regex: NSRegularExpression
        /// A further test of the matched text (enough digits, say).
        let accept: (@Sendable (String) -> Bool)?
        /// The match is a name, to be removed wherever else it occurs.
        let isName: Bool
    }

    static func digits(_ s: String) -> Int { s.unicodeScalars.filter { $0.properties.numericType == .decimal }.count }

    /// A capitalised word: a name, a street, a school.
    static let cap = #"\p{Lu}[\p{L}'\-]*\p{L}"#
    static let capWords = "\(cap)(?:[ \\t]+\(cap)){0,2}"
    static let digitWords = "zero|oh|nought|nil|one|two|three|four|five|six|seven|eight|nine|double|triple|treble"
    static let tlds = "com|co|uk|org|net|gov|nhs|ac|sch|edu|info|me|io|biz|ie|eu|fr|de|es|it|nl|us|ca|au|in|pk"
    static let streets =
        "Road|Rd|Street|St|Avenue|Ave|Lane|Close|Drive|Dr|Way|Crescent|Court|Ct|Gardens|Gdns|Place|Terrace|Grove|Hill|Park|Rise|Walk|Mews|Square|Row|Green|Parade|Vale|Meadows?|Fields?|Chase|Gate|Wharf|Quay|View|End|Copse|Hollow|Croft|Orchard|Heights"
    static let settings =
        "Academy|School|Primary|Secondary|College|Nursery|Pre-?school|Infants?|Juniors?|Grammar|Federation|Surgery|Hospital|Clinic|Medical Practice|Children's Centre|Family Centre"
    /// Words that may start a capitalised run without being part of a name.
    static let notAName =
        "(?!(?:The|A|An|And|Or|But|So|Our|My|His|Her|Their|This|That|These|Those|At|In|On|To|From|With|When|After|Before|Then|If|We|I|It|He|She|They|You|Your|Its|For|Of|As|By|Is|Was|Not|No|Yes|Please|Thanks|Thank|Dear|Hello|Hi)\\b)"

    static let notAPlace =
        "(?!(?:Primary|Secondary|Special|Mainstream|Local|Nursery|High|Infant|Junior|New|Current|Previous|Old|Next|Other|Another|Every|Any|Good|Private|State|Independent|Residential)\\b)"

    /// The fixed patterns, or `nil` if one could not be built (then nothing is quoted).
    static let patterns: [Pattern]? = {
        func p(_ pattern: String, isName: Bool = false, accept: (@Sendable (String) -> Bool)? = nil) -> Pattern? {
            (try? NSRegularExpression(pattern: pattern)).map { Pattern(regex: $0, accept: accept, isName: isName) }
        }
        let word = #"[\p{L}\p{N}_%+\-']"#
        let dot = #"(?:\s?\.(?=\S)|\s+(?i:dot)\s+|\s*[\[\(\{<]\s*(?i:dot)\s*[\]\)\}>]\s*)"#
        let at = #"(?:\s*@\s*|\s+(?i:at)\s+|\s*[\[\(\{<]\s*(?i:at)\s*[\]\)\}>]\s*)"#
        let list: [Pattern?] = [
            // E-mail addresses, plain or spelled out: local part, "at", domain, a known ending.
            p(
                "\(word)+(?:\(dot)\(word)+)*\(at)[\\p{L}\\p{N}\\-]+(?:\(dot)[\\p{L}\\p{N}\\-]+)*\(dot)(?i:\(tlds))(?![\\p{L}\\p{N}])"
            ),
            // An address at a well-known provider, without its ending ("jo.bloggs at gmail").
            p(
                "\(word)+(?:\(dot)\(word)+)*\(at)(?i:gmail|googlemail|hotmail|yahoo|outlook|btinternet|icloud|live|aol|sky|virginmedia|talktalk|protonmail|ymail)(?![\\p{L}\\p{N}])"
            ),
            // A handle after the name of where it is ("insta: jo_bloggs_88").
            p(
                #"(?i:\b(?:insta|instagram|twitter|x|facebook|fb|tiktok|snapchat|snap|threads|handle|username|user\s+name)\b\s*(?:is\s+|:\s*|-\s*)?)(@?[\p{L}\p{N}_.]*[\p{N}_][\p{L}\p{N}_.]*)"#
            ),
            // Anything else with an @ between word characters (jo@gmail), and handles (@jo_bloggs).
            p(#"[\p{L}\p{N}._%+\-']+\s?@\s?[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*"#),
            p(#"(?<![\p{L}\p{N}])@[\p{L}\p{N}_.]{2,}"#),
            // Web addresses. Case is ignored only where it matters: ICU closes every class
            // under case when `(?i)` covers it, which for `[^\s<>"]` is most of Unicode and
            // was a tenth of `engage demo`'s time.
            p(#"\b(?i:https?://|www\.)[^\s<>"]+"#),
            p(
                "\\b[\\p{L}\\p{N}\\-]+(?:\(dot)[\\p{L}\\p{N}\\-]+)*\(dot)(?i:co\\.uk|org\\.uk|gov\\.uk|nhs\\.uk|ac\\.uk|sch\\.uk|com|org|net|uk)(?:/[^\\s<>\"]*)?(?![\\p{L}\\p{N}])"
            ),
            // Runs of 9 or more digits in any spacing or bracketing (phones, NHS numbers),
            // with O for zero; an international number from 7 digits after "+".
            p(
                #"(?<![\p{L}\p{N}])\(?\+?\s*\(?[\p{N}O](?:[\s\-.()]{0,3}[\p{N}Oo]){6,}(?:[\s\-.()]{0,3}\p{N})(?![\p{L}\p{N}])"#,
                accept: { s in
                    let d = digits(s)
                    let o = s.filter { $0 == "O" || $0 == "o" }.count
                    return (d >= 9 && o == 0) || (d >= 4 && d + o >= 9) || (s.contains("+") && d >= 7)
                }),
            // A number of 5 or more digits after a word that says what it is.
            p(
                #"(?i:\b(?:tel|telephone|phone|mobile|mob|landline|call|ring|text|whatsapp|number|no|ref|reference|case|id|nhs|upn|uln)\b\.?[\s:#-]*(?:is\s+|on\s+)?)((?:[A-Za-z]{0,3}[/\-]?)\p{N}[\p{N}\s/\-.]*\p{N})"#,
                accept: { digits($0) >= 5 }),
            // Digits spelled out: seven or more in a row.
            p("(?i)\\b(?:(?:\(digitWords))[\\s,\\-]+){6,}(?:\(digitWords))\\b"),
            // National Insurance numbers.
            p(#"(?i)\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b"#),
            // UK postcodes (any case, any spacing), including GIR 0AA.
            p(
                #"(?i)\b(?:GIR\s*0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s*(?-i:(?!\d(?:st|nd|rd|th)\b))\d[ABD-HJLNP-UW-Z]{2})\b"#
            ),
            // An outward code after "postcode".
            p(#"(?i:\bpost\s?code\b[\s:]*(?:is\s+)?)([A-Za-z]{1,2}\d[A-Za-z\d]?)\b"#),
            // Dates of birth.
            p(
                #"(?i:\b(?:dob|d\.o\.b\.?|date of birth|born(?:\s+on)?|birthday(?:\s+is)?)[\s:]*)(\d{1,2}(?:st|nd|rd|th)?[\s/.\-]+(?:\d{1,2}|[A-Za-z]{3,9})[\s/.\-,]+\d{2,4})"#
            ),
            // Street addresses: a house number and a street, with the town after a comma.
            p(
                "(?i:\\b(?:flat|apartment|apt|unit)\\s*\\d+[A-Za-z]?,?\\s*)?\\b\\d{1,4}[A-Za-z]?,?\\s+(?:\(cap)\\s+){1,3}(?:\(streets))\\b\\.?(?:,\\s*\(notAName)\(cap)(?:\\s+\(notAName)\(cap))?)?"
            ),
            p("(?i)\\b(?:flat|apartment|apt|unit)\\s*\\d+[A-Za-z]?\\b"),
            // A named street without a number.
            p(
                "\\b\(notAName)(?:\(cap)\\s+){1,3}(?:Road|Street|Avenue|Lane|Close|Drive|Crescent|Gardens|Terrace|Grove|Mews)\\b"
            ),
            // Named schools and settings ("St Mary's C of E Primary", "Woodside Academy").
            p(
                "\\b(?:(?:St\\.?|Saint)\\s+)?\(notAName)\(notAPlace)\(cap)(?:\\s+(?:\(cap)|of|and|C of E|CE|RC|&))*\\s+(?:\(settings))(?:\\s+(?:School|Academy))?\\b"
            ),
            // Names introduced by who they are.
            p(
                "(?i:\\b(?:my|our|his|her|their|the)\\s+(?:(?:eldest|youngest|little|older|younger|step|foster)\\s*)?(?:son|daughter|child|boy|girl|grandson|granddaughter|husband|wife|partner|mum|mother|dad|father|brother|sister|twins?|kids?|children|nephew|niece|carer|friend)(?:'s\\s+name\\s+is|\\s+is\\s+called|\\s+called|\\s+named|\\s*,|\\s*\\(|\\s)\\s*)(\(capWords))",
                isName: true),
            p(
                "(?i:\\b(?:caseworker|case\\s+worker|case\\s+officer|key\\s?worker|social\\s+worker|worker|co-?ordinator|officer|manager|senco|sendco|teacher|headteacher|head\\s+teacher|head|teaching\\s+assistant|ta|paediatrician|doctor|nurse|therapist|psychologist|consultant|adviser|advisor|practitioner|assessor|lead|support\\s+worker|advocate|solicitor)(?:\\s+called|\\s+named|\\s*,|\\s*\\(|\\s)\\s*)(\(notAName)\(capWords))",
                isName: true),
            p("\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Cllr|Councillor|Rev|Nurse)\\.?\\s+(\(capWords))", isName: true),
            p(
                "(?i:\\b(?:named|called|known\\s+as|my\\s+name\\s+is|i\\s+am|i'm|this\\s+is)\\s+)(\(notAName)\\p{Lu}\\p{Ll}[\\p{L}'\\-]*(?:\\s+\(cap)){0,2})",
                isName: true),
            // A signature at the end.
            p(
                "(?i:(?:thanks|thank\\s+you|regards|cheers|best\\s+wishes|love|from)[,!.]?\\s*|[\\-\\u2013\\u2014]\\s*)(\(notAName)\(capWords))\\s*[.!]?\\s*$",
                isName: true),
        ]
        let built = list.compactMap { $0 }
        return built.count == list.count ? built : nil
    }()

    // MARK: - Names and listed terms

    /// Words that stay when a name or a place is removed word by word: titles, small
    /// words and the generic part of a place ("Woodside Academy" removes "Woodside").
    static let genericWords: Set<String> = [
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "st", "saint", "sir", "dame", "cllr", "the", "of", "and", "a",
        "an", "at", "in",
        "on", "de", "la", "le", "van", "von", "da", "del", "c", "e", "ce", "rc", "school", "academy", "primary",
        "secondary",
        "junior", "juniors", "infant", "infants", "nursery", "college", "high", "grammar", "special", "centre",
        "center", "church",
        "catholic", "free", "community", "trust", "federation", "road", "street", "avenue", "close", "drive", "way",
        "crescent",
        "court", "gardens", "place", "terrace", "grove", "park", "rise", "walk", "mews", "square", "view", "row",
        "north",
        "south", "east", "west", "upper", "lower", "great", "little", "new", "old", "town", "city", "village",
        "hospital",
        "surgery", "clinic", "house", "team", "service", "services", "council", "county", "borough", "district", "unit",
        "hub",
    ]

    /// Names that are also everyday words: removed alone only when capitalised.
    static let everydayWords: Set<String> = [
        "will", "bill", "mark", "may", "june", "april", "august", "grace", "hope", "joy", "faith", "rose", "lily",
        "daisy", "ivy",
        "holly", "summer", "autumn", "dawn", "sky", "river", "rob", "pat", "sue", "jack", "frank", "guy", "chase",
        "hunter", "ray",
        "gene", "art", "earl", "king", "rich", "don", "dean", "penny", "crystal", "amber", "ruby", "pearl", "jade",
        "heather",
        "violet", "iris", "poppy", "sandy", "wood", "hill", "green", "brown", "white", "black", "young", "long",
        "short", "small",
        "hall", "bell", "ward", "lane", "field", "fields", "marsh", "brook", "baker", "cook", "hunt", "best", "love",
        "case",
        "carer", "care", "hope", "sunny", "grant", "page", "price", "reading", "said", "sun", "star", "wells", "banks",
        "rivers",
        "stone", "moss", "nurse", "child", "bishop", "parish", "mason", "miller", "taylor", "walker", "turner",
        "parker",
    ]

    /// Names or listed entries as one pattern.
    struct Terms: @unchecked Sendable {
        /// `nil` when there are none (or the pattern could not be built).
        let regex: NSRegularExpression?
        /// The pattern could not be built: nothing can be quoted safely.
        let failed: Bool

        init(_ entries: [String]) {
            let alternatives = Redactor.terms(entries, parts: true)
            guard !alternatives.isEmpty else {
                regex = nil
                failed = false
                return
            }
            // Longest first, so a whole name is one match.
            let pattern =
                #"(?<![\p{L}\p{N}\p{M}])(?:"# + alternatives.sorted { $0.count > $1.count }.joined(separator: "|")
                + #")(?![\p{L}\p{N}\p{M}])"#
            regex = try? NSRegularExpression(pattern: pattern)
            failed = regex == nil
        }
    }

    /// For each name or listed entry, a pattern for the whole (any spacing or
    /// punctuation between its words, any case) and, with `parts`, one for each
    /// distinctive word alone.
    static func terms(_ entries: [String], parts: Bool) -> [String] {
        var patterns: [String] = []
        var seen = Set<String>()
        for entry in entries {
            let words = shadow(of: prepare(entry)).split(whereSeparator: { $0.isWhitespace || ",.()_+@".contains($0) })
                .map(String.init).filter { $0.contains(where: \.isLetter) || $0.contains(where: \.isNumber) }
            let pieces = words.flatMap { $0.split(separator: "-").map(String.init) }
            guard !pieces.isEmpty else { continue }
            if pieces.count > 1 {
                let whole = words.map(wordPattern).joined(separator: #"[\s\-.,'&_+]+"#)
                if seen.insert(whole).inserted { patterns.append("(?i:" + whole + ")") }
                guard parts else { continue }
            }
            for word in pieces {
                let lower = word.lowercased()
                let letters = word.filter(\.isLetter).count
                guard letters >= 2, pieces.count == 1 || !genericWords.contains(lower), seen.insert(lower).inserted
                else { continue }
                if everydayWords.contains(lower) || letters == 2 {
                    // Only capitalised ("Will", "WILL"), so "will" and "an" stay.
                    let first = String(word.prefix(1)).uppercased()
                    let rest = String(word.dropFirst())
                    patterns.append(
                        NSRegularExpression.escapedPattern(for: first)
                            + "(?i:" + wordPattern(rest) + ")")
                } else {
                    patterns.append("(?i:" + wordPattern(word) + ")")
                }
            }
        }
        return patterns
    }

    /// One word of a name: its letters, any apostrophe.
    static func wordPattern(_ word: String) -> String {
        word.map { $0 == "'" ? "'?" : NSRegularExpression.escapedPattern(for: String($0)) }.joined()
    }

    // MARK: - Doubt

    /// Small words, and the words that come with contact details.
    static let emptyWords: Set<String> = [
        "the", "and", "for", "are", "was", "were", "you", "your", "our", "ours", "his", "her", "hers", "him", "she",
        "they", "them",
        "their", "this", "that", "with", "from", "have", "has", "had", "been", "will", "would", "can", "could", "any",
        "all", "not",
        "but", "also", "here", "there", "please", "contact", "email", "e-mail", "mail", "call", "ring", "phone", "text",
        "live",
        "lives", "living", "address", "number", "mobile", "find", "follow", "write", "reply", "anytime", "time", "want",
        "like",
        "thanks", "thank", "regards", "kind", "best", "wishes", "from", "name", "called", "named", "i'm", "it's", "via",
        "using",
        "whatsapp", "landline", "postcode", "blog", "story", "details", "ref", "reference",
    ]

    static func contentWords(in text: String) -> Int {
        tokens(text.replacingOccurrences(of: marker, with: " ")).filter {
            if case .word(let w) = $0 { return w.filter(\.isLetter).count >= 3 && !emptyWords.contains(w.lowercased()) }
            return false
        }.count
    }

    /// Capitalised words that are not names in feedback about SEND services.
    static let ordinaryCapitalised: Set<String> = [
        "i", "i'm", "i've", "i'd", "i'll", "mum", "dad", "mummy", "daddy", "nan", "nanny", "grandma", "grandad",
        "monday",
        "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
        "may",
        "june", "july", "august", "september", "october", "november", "december", "christmas", "easter", "english",
        "british",
        "welsh", "scottish", "irish", "god", "ok", "okay", "covid", "coronavirus", "lockdown", "zoom", "teams",
        "google",
        "internet", "email", "autism", "autistic", "asperger's", "aspergers", "down's", "downs", "syndrome", "adhd",
        "local",
        "authority", "offer", "annual", "review", "reviews", "plan", "plans", "education", "health", "care",
        "educational",
        "psychologist", "psychology", "speech", "language", "therapy", "therapist", "occupational", "parent", "parents",
        "carer",
        "carers", "forum", "team", "council", "service", "services", "panel", "tribunal", "special", "needs", "school",
        "schools",
        "primary", "secondary", "mainstream", "college", "nursery", "reception", "year", "key", "stage", "sixth",
        "form",
        "post-16", "social", "worker", "workers", "ombudsman", "ofsted", "department", "government", "nhs", "gp",
        "camhs",
        "sendiass", "iass", "senco", "ehcp", "ehc", "send", "sen", "la", "ta", "ot", "salt", "ep", "mp", "eotas",
        "sendist",
        "tac", "early", "help", "years", "portal", "helpline", "advice", "line", "mr", "mrs", "ms",
        "miss", "dr", "english", "maths", "math", "science", "pe", "a&e", "draft", "final", "section", "sections",
        "outcomes",
        "provision", "transport", "transition", "tuesday's", "monday's", "friday's", "no", "yes", "thanks", "thank",
        "you",
        "please", "sorry", "very", "not", "nothing", "everything", "all", "so", "but", "and", "the", "a", "it", "we",
        "they",
        "he", "she", "his", "her", "our", "my", "this", "that", "there", "what", "when", "why", "how", "who", "if",
        "then",
        "also", "however", "still", "good", "great", "poor", "excellent", "overall", "finally", "again",
    ]

    /// An acronym, a known word or a word capitalised for reasons other than being a name.
    func isOrdinary(_ word: String) -> Bool {
        let lower = word.lowercased()
        let allCaps = word.allSatisfy { !$0.isLowercase }
        return allCaps || Self.ordinaryCapitalised.contains(lower) || knownWords.contains(lower)
            || Self.ordinaryCapitalised.contains(lower.replacingOccurrences(of: "'s", with: ""))
    }

    /// What may still be personal in the redacted text.
    func doubtsLeft(in redacted: String) -> [String] {
        var doubts: [String] = []
        let text = redacted.replacingOccurrences(of: Self.marker, with: " ")
        let scalars = Array(text.unicodeScalars)
        if let i = scalars.indices.first(where: { scalars[$0] == "@" }), i > 0, i + 1 < scalars.count,
            !scalars[i - 1].properties.isWhitespace || !scalars[i + 1].properties.isWhitespace
        {
            doubts.append("an @ is left")
        }
        // Six or more digits close together (a dash or a slash ends a run: 2019-2020, 12/08/2021).
        var run = 0
        var best = 0
        var gap = 0
        for s in scalars {
            if s.properties.numericType == .decimal {
                run += 1
                gap = 0
            } else if " .()".unicodeScalars.contains(s) && gap < 2 && run > 0 {
                gap += 1
            } else {
                run = 0
                gap = 0
            }
            best = max(best, run)
        }
        if best >= 6 { doubts.append("a long number is left") }
        // A capitalised word in the middle of a sentence that is not a known word.
        var sentenceStart = true
        for token in Self.tokens(text) {
            switch token {
            case .word(let w):
                let capitalised = w.first.map { $0.isUppercase } ?? false
                if capitalised && !sentenceStart && !isOrdinary(w) {
                    doubts.append("\"\(w)\" may be a name")
                }
                sentenceStart = false
            case .end:
                sentenceStart = true
            case .other:
                break
            }
        }
        return doubts
    }

    enum Token {
        case word(String)
        case end, other
    }

    /// Words, and sentence ends (. ! ? : ; a line break, an opening quote or bracket).
    static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var word = ""
        func flush() {
            if !word.isEmpty {
                tokens.append(.word(word))
                word = ""
            }
        }
        for ch in text {
            if ch.isLetter || ch.isNumber || ((ch == "'" || ch == "\u{2019}" || ch == "-") && !word.isEmpty) {
                word.append(ch == "\u{2019}" ? "'" : ch)
            } else {
                flush()
                if ".!?:;\n\r\"\u{201C}(".contains(ch) {
                    tokens.append(.end)
                } else if !ch.isWhitespace {
                    tokens.append(.other)
                }
            }
        }
        flush()
        return tokens
    }
}

/// What redaction did to one text.
package struct Redaction: Sendable, Equatable {
    /// The text with each personal detail replaced by "[removed]".
    package var text: String
    /// How many places were replaced.
    var removals: Int
    /// The share of the original's visible characters removed, 0 to 1.
    var removedShare: Double
    /// Why the text may still hold a personal detail; empty when nothing is in doubt.
    package var doubts: [String]
    /// Words of three or more letters left that say something: not small words and not
    /// the words around contact details ("please contact me at [removed]" has none).
    var wordsLeft: Int
}
