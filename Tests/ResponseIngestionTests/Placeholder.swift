import Testing
@testable import ResponseIngestion
