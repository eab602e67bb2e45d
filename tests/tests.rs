//! Integration tests: one binary built from modules.
