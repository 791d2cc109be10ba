extension AnswerScale {
    /// Five-point agreement, plus Don't know and Not applicable.
    package static let agreement5 = AnswerScale(
        id: "agreement-5", title: "Agreement (five-point)",
        options: [
            AnswerOption(
                code: "strongly-agree", label: "Strongly agree", synonyms: ["Agree strongly", "SA"], value: 5),
            AnswerOption(code: "agree", label: "Agree", synonyms: ["Tend to agree", "Somewhat agree", "A"], value: 4),
            AnswerOption(
                code: "neither", label: "Neither agree nor disagree",
                synonyms: ["Neither agree or disagree", "Neutral", "Neither", "N"], value: 3),
            AnswerOption(
                code: "disagree", label: "Disagree", synonyms: ["Tend to disagree", "Somewhat disagree", "D"], value: 2),
            AnswerOption(
                code: "strongly-disagree", label: "Strongly disagree", synonyms: ["Disagree strongly", "SD"], value: 1),
            AnswerOption(
                code: "dont-know", label: "Don't know",
                synonyms: ["I don't know", "Do not know", "Not sure", "DK"], substantive: false),
            AnswerOption(
                code: "not-applicable", label: "Not applicable",
                synonyms: ["N/A", "NA", "Does not apply"], substantive: false),
        ])

    /// Five-point satisfaction, plus Don't know and Not applicable.
    static let satisfaction5 = AnswerScale(
        id: "satisfaction-5", title: "Satisfaction (five-point)",
        options: [
            AnswerOption(code: "very-satisfied", label: "Very satisfied", value: 5),
            AnswerOption(
                code: "satisfied", label: "Satisfied", synonyms: ["Fairly satisfied", "Quite satisfied"], value: 4),
            AnswerOption(
                code: "neither", label: "Neither satisfied nor dissatisfied",
                synonyms: ["Neither satisfied or dissatisfied", "Neutral", "Neither"], value: 3),
            AnswerOption(code: "dissatisfied", label: "Dissatisfied", synonyms: ["Fairly dissatisfied"], value: 2),
            AnswerOption(code: "very-dissatisfied", label: "Very dissatisfied", value: 1),
            AnswerOption(
                code: "dont-know", label: "Don't know",
                synonyms: ["I don't know", "Do not know", "Not sure"], substantive: false),
            AnswerOption(code: "not-applicable", label: "Not applicable", synonyms: ["N/A", "NA"], substantive: false),
        ])

    /// Yes or no.
    public static let yesNo = AnswerScale(
        id: "yes-no", title: "Yes or no",
        options: [
            AnswerOption(code: "yes", label: "Yes", synonyms: ["Y"], value: 1),
            AnswerOption(code: "no", label: "No", synonyms: ["N"], value: 0),
        ])

    /// The scales every definition can use without defining them.
    public static let builtIn: [AnswerScale] = [agreement5, satisfaction5, yesNo]
}
