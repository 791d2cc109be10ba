// ResponseStore module: see docs/architecture.md
