// swift-tools-version:6.0
// engage: survey and engagement feedback analytics for public services.
// No package dependencies: only the toolchain and the system SQLite and zlib libraries.
import PackageDescription

let package = Package(
    name: "engage",
    products: [
        .executable(name: "engage", targets: ["engage"]),
        .library(name: "SurveyDefinition", targets: ["SurveyDefinition"]),
        .library(name: "ResponseIngestion", targets: ["ResponseIngestion"]),
        .library(name: "ResponseStore", targets: ["ResponseStore"]),
        .library(name: "FeedbackStatistics", targets: ["FeedbackStatistics"]),
        .library(name: "Summaries", targets: ["Summaries"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "SurveyDefinition"),
        .target(name: "ResponseIngestion", dependencies: ["SurveyDefinition", "CZlib"]),
        .target(name: "ResponseStore", dependencies: ["SurveyDefinition", "ResponseIngestion", "CSQLite"]),
        .target(name: "FeedbackStatistics", dependencies: ["SurveyDefinition"]),
        .target(name: "Summaries", dependencies: ["SurveyDefinition", "ResponseIngestion", "ResponseStore", "FeedbackStatistics"]),
        .executableTarget(
            name: "engage",
            dependencies: ["SurveyDefinition", "ResponseIngestion", "ResponseStore", "FeedbackStatistics", "Summaries"]
        ),
        .executableTarget(name: "engage-bench", dependencies: ["SurveyDefinition"], path: "Sources/engage-bench"),
        .testTarget(name: "SurveyDefinitionTests", dependencies: ["SurveyDefinition"]),
        .testTarget(name: "ResponseIngestionTests", dependencies: ["ResponseIngestion", "SurveyDefinition"], exclude: ["Fixtures"]),
        .testTarget(name: "ResponseStoreTests", dependencies: ["ResponseStore", "ResponseIngestion", "SurveyDefinition"], exclude: ["Fixtures"]),
        .testTarget(name: "FeedbackStatisticsTests", dependencies: ["FeedbackStatistics", "SurveyDefinition"], exclude: ["Fixtures"]),
        .testTarget(name: "SummariesTests", dependencies: ["Summaries", "ResponseStore", "ResponseIngestion", "FeedbackStatistics", "SurveyDefinition"]),
        .testTarget(name: "EngageEndToEndTests", dependencies: ["engage", "engage-bench"]),
    ]
)
