"""Publishing results on GitHub: check runs, tracking issues, comparisons and stored verdicts."""
