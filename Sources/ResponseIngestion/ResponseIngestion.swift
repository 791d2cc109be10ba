// ResponseIngestion module: see docs/architecture.md
