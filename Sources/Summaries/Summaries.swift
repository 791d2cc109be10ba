// Summaries module: see docs/architecture.md
