import Testing
@testable import SurveyDefinition
