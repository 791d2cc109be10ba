import Testing

@testable import ResponseStore

@Suite("engage.json's publication settings")
struct PublicationSettingsTests {
    @Test("colour, logo, contact and weeks after the period are read, and written back the same")
    func readAndWrite() throws {
        let text = """
            {"organisation": "Anyshire", "publication": {"colour": "#005a7a", "logo": "logo.svg", "logoText": "Anyshire County Council",
             "contact": "Email send@anyshire.example", "weeksAfterPeriod": 4}}
            """
        let s = try WorkspaceSettings.decode(text, file: "engage.json")
        #expect(
            s.publication
                == PublicationSettings(
                    colour: "#005a7a", logo: "logo.svg", logoText: "Anyshire County Council",
                    contact: "Email send@anyshire.example", weeksAfterPeriod: 4))
        let again = try WorkspaceSettings.decode(s.encoded(), file: "engage.json")
        #expect(again.publication == s.publication)
        #expect(
            try WorkspaceSettings.decode("{\"organisation\": \"A\"}", file: "engage.json").publication
                == PublicationSettings())
    }

    @Test(
        "a colour that is not #RRGGBB, a logo path outside the workspace or an unknown key is refused with its line and field",
        arguments: [
            ("{\"organisation\": \"A\",\n \"publication\": {\"colour\": \"blue\"}}", "publication.colour"),
            ("{\"organisation\": \"A\",\n \"publication\": {\"logo\": \"../secret.png\"}}", "publication.logo"),
            ("{\"organisation\": \"A\",\n \"publication\": {\"logo\": \"logo.gif\"}}", "publication.logo"),
            ("{\"organisation\": \"A\",\n \"publication\": {\"colur\": \"#000000\"}}", "publication.colur"),
            (
                "{\"organisation\": \"A\",\n \"publication\": {\"weeksAfterPeriod\": 2.5}}",
                "publication.weeksAfterPeriod"
            ),
        ])
    func refused(text: String, field: String) {
        do {
            _ = try WorkspaceSettings.decode(text, file: "engage.json")
            Issue.record("accepted \(text)")
        } catch {
            guard case .invalidSettings(let file, let line, _, let f, _) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(file == "engage.json" && line == 2 && f == field, "\(error)")
        }
    }
}
