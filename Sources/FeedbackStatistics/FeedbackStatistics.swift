// FeedbackStatistics module: see docs/architecture.md
