"""Background work: a durable queue (huey), jobs, per-repository locks, a reaper, schedules."""
