"""The matter job's rules (docs/RULES.md), one module each. A rule reads a row's cleaned values, keeps the little
state it needs across rows, adds its issues to the report and says what the row becomes."""
