/// The survey platforms whose exports engage reads. Detected from the header rows,
/// never from the file name; `--format NAME` overrides detection.
public enum ExportFormat: String, Sendable, Equatable, CaseIterable {
    /// One header row of column names (a spreadsheet, a telephone-survey log).
    case generic
    /// Google Sheets "Form responses" tab downloaded as CSV.
    case googleForms = "google-forms"
    /// Google Forms "Download responses (.csv)": every field quoted, `2020/10/30 3:08:44 PM GMT+1`.
    case googleFormsDownload = "google-forms-download"
    case microsoftForms = "microsoft-forms"
    /// Two header rows: question text, then Response / option / statement.
    case surveyMonkey = "surveymonkey"
    /// Three header rows: export tags, question text, ImportId JSON.
    case qualtrics
    case limeSurvey = "limesurvey"
    /// Alchemer (formerly SurveyGizmo): `Response ID`, `Time Started`, `Date Submitted`,
    /// `Status` (Complete, Partial, Disqualified...).
    case alchemer

    /// The format's name as messages show it.
    public var displayName: String {
        switch self {
        case .generic: return "generic CSV (one header row)"
        case .googleForms: return "Google Forms (sheet download)"
        case .googleFormsDownload: return "Google Forms (Download responses)"
        case .microsoftForms: return "Microsoft Forms"
        case .surveyMonkey: return "SurveyMonkey"
        case .qualtrics: return "Qualtrics"
        case .limeSurvey: return "LimeSurvey"
        case .alchemer: return "Alchemer (SurveyGizmo)"
        }
    }

    /// Rows of headers before the data.
    var headerRows: Int {
        switch self {
        case .surveyMonkey: return 2
        case .qualtrics: return 3
        default: return 1
        }
    }

    /// The date order the platform always writes, when it has one.
    var fixedDateOrder: DateOrder? {
        switch self {
        case .qualtrics, .limeSurvey, .googleFormsDownload, .alchemer: return .ymd
        case .surveyMonkey: return .mdy
        default: return nil
        }
    }

    /// Separators between ticked options in a one-cell multi-select answer, most likely first.
    var multiSelectSeparators: [String] {
        switch self {
        case .googleForms: return [", ", ";", ","]
        case .googleFormsDownload, .microsoftForms: return [";", ", ", ","]
        case .qualtrics: return [",", ";"]
        default: return [";", ", ", ","]
        }
    }

    /// Recognised metadata columns, by normalised header text: the platform's own, and
    /// in every format the columns that name or reach the respondent (a Google Form's
    /// "Name" question is not the platform's, but its answers are still removed from quotes).
    var metadata: [String: MetadataRole] {
        platformMetadata.merging(Self.personalMetadata) { platform, _ in platform }
    }

    static let personalMetadata: [String: MetadataRole] = [
        "name": .fullName, "full name": .fullName, "your name": .fullName, "parent name": .fullName,
        "parent/carer name": .fullName, "parent or carer name": .fullName, "parent carer name": .fullName,
        "child's name": .fullName, "child name": .fullName, "name of child": .fullName,
        "young person's name": .fullName,
        "child's full name": .fullName, "first name": .firstName, "forename": .firstName, "last name": .lastName,
        "surname": .lastName,
        "email": .email, "email address": .email, "e-mail": .email, "e-mail address": .email, "your email": .email,
        "your email address": .email, "phone": .personal, "telephone": .personal, "phone number": .personal,
        "mobile": .personal, "postcode": .personal, "address": .personal, "ip address": .personal,
    ]

    var platformMetadata: [String: MetadataRole] {
        switch self {
        case .googleForms, .googleFormsDownload:
            return ["timestamp": .submitted, "email address": .email, "email": .email, "score": .other]
        case .microsoftForms:
            return [
                "id": .responseID, "start time": .started, "completion time": .submitted, "email": .email,
                "name": .fullName, "last modified time": .lastModified, "total points": .other,
                "quiz feedback": .other, "grade posted time": .other,
            ]
        case .surveyMonkey:
            return [
                "respondent id": .responseID, "collector id": .other, "start date": .started, "end date": .submitted,
                "ip address": .personal, "email address": .email, "first name": .firstName, "last name": .lastName,
                "custom data 1": .other, "custom data": .other,
            ]
        case .qualtrics:
            return [
                "startdate": .started, "enddate": .other, "status": .status, "ipaddress": .personal, "progress": .other,
                "duration (in seconds)": .other, "finished": .finished, "recordeddate": .submitted,
                "responseid": .responseID, "recipientlastname": .lastName, "recipientfirstname": .firstName,
                "recipientemail": .email, "externalreference": .other, "externaldatareference": .other,
                "locationlatitude": .personal, "locationlongitude": .personal, "distributionchannel": .other,
                "userlanguage": .other, "q_recaptchascore": .other, "q_ballotboxstuffing": .other,
                "q_relevantidduplicate": .other, "q_relevantidduplicatescore": .other, "q_relevantidfraudscore": .other,
                "q_relevantidlaststartdate": .other,
            ]
        case .limeSurvey:
            return [
                "id": .responseID, "response id": .responseID, "submitdate": .submitted, "date submitted": .submitted,
                "lastpage": .other, "last page": .other, "startlanguage": .other, "start language": .other,
                "seed": .other, "startdate": .started, "date started": .started, "datestamp": .lastModified,
                "date last action": .lastModified, "ipaddr": .personal, "ip address": .personal,
                "refurl": .other, "referrer url": .other, "interviewtime": .other, "total time": .other,
                "token": .other,
            ]
        case .alchemer:
            return [
                "response id": .responseID, "time started": .started, "date submitted": .submitted, "status": .status,
                "contact id": .other, "legacy comments": .other, "comments": .other, "language": .other,
                "referer": .other,
                "sessionid": .other, "user agent": .other, "tags": .other, "ip address": .personal,
                "longitude": .personal,
                "latitude": .personal, "country": .personal, "city": .personal, "state/region": .personal,
                "postal": .personal,
                "link name": .other, "url variable: sguid": .other,
            ]
        case .generic:
            return Self.genericMetadata
        }
    }

    /// Whether a response status this format's export does not document sets the row
    /// aside (Qualtrics: its codes are all known) or lets it through (a spreadsheet's own
    /// "Status" column may say anything; only the known markers of unfinished or unreal
    /// responses set a row aside).
    var unknownStatusSetsAside: Bool { self == .qualtrics }

    static let genericMetadata: [String: MetadataRole] = [
        "id": .responseID, "response id": .responseID, "respondent id": .responseID, "reference": .responseID,
        "ref": .responseID, "response number": .responseID, "responseid": .responseID,
        "timestamp": .submitted, "submitted": .submitted, "date submitted": .submitted, "submitted at": .submitted,
        "submission date": .submitted, "submit date": .submitted, "completion time": .submitted,
        "completed": .submitted,
        "date completed": .submitted, "end date": .submitted, "date of call": .submitted, "call date": .submitted,
        "date": .submitted, "date received": .submitted,
        "start time": .started, "start date": .started, "started": .started,
        "email": .email, "email address": .email, "e-mail": .email,
        "name": .fullName, "full name": .fullName, "parent name": .fullName, "parent/carer name": .fullName,
        "first name": .firstName, "forename": .firstName, "last name": .lastName, "surname": .lastName,
        "phone": .personal, "telephone": .personal, "phone number": .personal, "postcode": .personal,
        "address": .personal, "ip address": .personal,
        "interviewer": .other, "officer": .other, "notes": .other, "call notes": .other,
        "status": .status, "response status": .status, "finished": .finished, "complete": .finished,
    ]
}

/// What a metadata column holds.
public enum MetadataRole: String, Sendable, Equatable {
    case responseID = "response id"
    case submitted = "submitted time"
    case started = "start time (not used: a response belongs to the date it was submitted)"
    case lastModified = "last modified time"
    case email = "e-mail address (personal data; only the part before @ is kept, to remove it from quotes)"
    case firstName = "first name (personal data; used only to remove names from quotes)"
    case lastName = "last name (personal data; used only to remove names from quotes)"
    case fullName = "name (personal data; used only to remove names from quotes)"
    case personal = "personal data (not imported)"
    case status = "response status (previews, tests and spam are set aside)"
    case finished = "finished flag (unfinished responses are set aside)"
    case other = "platform metadata (not imported)"

    var isName: Bool { self == .firstName || self == .lastName || self == .fullName }
}
