"""Webhook intake: verify the signature, de-duplicate deliveries, route events to jobs."""
