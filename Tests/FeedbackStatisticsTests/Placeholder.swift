import Testing
@testable import FeedbackStatistics
