import Testing
@testable import Summaries
