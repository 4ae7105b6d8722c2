"""First run without credentials: register the GitHub App from a manifest, then use it."""
