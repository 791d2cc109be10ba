// swift-tools-version:6.0
// engage: survey and engagement feedback analytics for public services.
// No package dependencies: only the toolchain and the system SQLite and zlib libraries.
import PackageDescription

let package = Package(
    name: "engage",
    // The code uses Foundation APIs of macOS 13 and later (Linux has them all).
    platforms: [.macOS(.v13)],
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
        .target(
            name: "Summaries",
            dependencies: ["SurveyDefinition", "ResponseIngestion", "ResponseStore", "FeedbackStatistics"]),
        .executableTarget(
            name: "engage",
            dependencies: ["SurveyDefinition", "ResponseIngestion", "ResponseStore", "FeedbackStatistics", "Summaries"]
        ),
        .executableTarget(
            name: "engage-bench", dependencies: ["SurveyDefinition", "ResponseIngestion"], path: "Sources/engage-bench"),
        // What every test target shares: the seeded generator, the runner of the built
        // `engage`, fixture builders. Not a product: only tests use it.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "SurveyDefinitionTests", dependencies: ["SurveyDefinition", "TestSupport"]),
        .testTarget(
            name: "ResponseIngestionTests", dependencies: ["ResponseIngestion", "SurveyDefinition", "TestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "ResponseStoreTests",
            dependencies: ["ResponseStore", "ResponseIngestion", "SurveyDefinition", "TestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "FeedbackStatisticsTests", dependencies: ["FeedbackStatistics", "SurveyDefinition", "TestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "SummariesTests",
            dependencies: [
                "Summaries", "ResponseStore", "ResponseIngestion", "FeedbackStatistics", "SurveyDefinition",
                "TestSupport",
            ], exclude: ["Fixtures"]),
        .testTarget(name: "EngageEndToEndTests", dependencies: ["engage", "engage-bench", "TestSupport"]),
    ]
)
