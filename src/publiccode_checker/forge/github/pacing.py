"""Spaces out content-creating requests per installation, as GitHub's secondary limits require.

GitHub allows about 80 content-creating requests a minute and 500 an hour, and asks for at least a
second between mutating requests. A pacer hands out send times ("slots") that respect all three;
callers sleep until their slot. When the next slot is further away than the caller may wait, no
slot is taken and ``RateLimited`` tells the job queue when to come back, so a worker is never parked
for an hour.

``LocalPacer`` keeps the schedule in memory (one process). ``RedisPacer`` keeps it in Redis, so all
worker processes of one deployment share one budget per installation; the slot is chosen inside a
Lua script so two processes can never take the same one.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from bisect import insort
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Protocol

from publiccode_checker.forge.github.errors import RateLimited


@dataclass(frozen=True)
class PacingPolicy:
    min_interval: float = 1.0
    per_minute: int = 80
    per_hour: int = 500
    minute: float = 60.0
    hour: float = 3600.0

    def scaled(self, factor: float) -> PacingPolicy:
        """The same budget on a faster clock (``factor`` 0.01: a minute lasts 0.6 s)."""
        return replace(self, min_interval=self.min_interval * factor,
                       minute=self.minute * factor, hour=self.hour * factor)


def next_slot(taken: list[float], now: float, policy: PacingPolicy) -> float:
    """Earliest send time at or after ``now`` that keeps ``taken`` (sorted) within the policy."""
    slot = now
    if taken:
        slot = max(slot, taken[-1] + policy.min_interval)
    if policy.per_minute > 0 and len(taken) >= policy.per_minute:
        slot = max(slot, taken[-policy.per_minute] + policy.minute)
    if policy.per_hour > 0 and len(taken) >= policy.per_hour:
        slot = max(slot, taken[-policy.per_hour] + policy.hour)
    return slot


class Pacer(Protocol):
    policy: PacingPolicy

    def acquire(self, key: str, max_wait: float) -> float:
        """Block until the caller may send; returns seconds slept. Raises RateLimited."""
        ...


class LocalPacer:
    def __init__(
        self,
        policy: PacingPolicy | None = None,
        *,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.policy = policy or PacingPolicy()
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._taken: dict[str, list[float]] = {}

    def acquire(self, key: str, max_wait: float) -> float:
        with self._lock:
            now = self._clock()
            taken = self._taken.setdefault(key, [])
            horizon = now - max(self.policy.hour, self.policy.minute)
            while taken and taken[0] <= horizon:
                taken.pop(0)
            slot = next_slot(taken, now, self.policy)
            wait = slot - now
            if wait > max_wait:
                raise RateLimited.at_epoch(slot, "content-creation budget of this installation "
                                                 "is spent; try again later", 429)
            insort(taken, slot)
        if wait > 0:
            self._sleep(wait)
        return max(0.0, wait)


# KEYS[1]: sorted set of slots. ARGV: min_interval, per_minute, minute, per_hour, hour,
# max_wait, member. Time comes from Redis so processes on different hosts agree on "now".
_LUA = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local interval = tonumber(ARGV[1])
local per_minute = tonumber(ARGV[2])
local minute = tonumber(ARGV[3])
local per_hour = tonumber(ARGV[4])
local hour = tonumber(ARGV[5])
local max_wait = tonumber(ARGV[6])
local horizon = now - math.max(hour, minute)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', horizon)
local count = redis.call('ZCARD', KEYS[1])
local slot = now
if count > 0 then
  local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
  slot = math.max(slot, tonumber(last[2]) + interval)
end
if per_minute > 0 and count >= per_minute then
  local e = redis.call('ZRANGE', KEYS[1], -per_minute, -per_minute, 'WITHSCORES')
  slot = math.max(slot, tonumber(e[2]) + minute)
end
if per_hour > 0 and count >= per_hour then
  local e = redis.call('ZRANGE', KEYS[1], -per_hour, -per_hour, 'WITHSCORES')
  slot = math.max(slot, tonumber(e[2]) + hour)
end
local wait = slot - now
if wait > max_wait then
  return {0, tostring(slot), tostring(wait)}
end
redis.call('ZADD', KEYS[1], slot, ARGV[7])
redis.call('PEXPIRE', KEYS[1], math.ceil((math.max(hour, minute) + wait) * 1000) + 1000)
return {1, tostring(slot), tostring(wait)}
"""


class RedisPacer:
    def __init__(
        self,
        redis_client: Any,
        policy: PacingPolicy | None = None,
        *,
        prefix: str = "publiccode-checker:pacing:",
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.policy = policy or PacingPolicy()
        self._redis = redis_client
        self._prefix = prefix
        self._sleep = sleep
        self._script = redis_client.register_script(_LUA)

    def acquire(self, key: str, max_wait: float) -> float:
        p = self.policy
        granted, slot, wait = self._script(
            keys=[self._prefix + key],
            args=[p.min_interval, p.per_minute, p.minute, p.per_hour, p.hour, max_wait,
                  uuid.uuid4().hex],
        )
        slot_f, wait_f = float(slot), float(wait)
        if not int(granted):
            raise RateLimited.at_epoch(slot_f, "content-creation budget of this installation "
                                               "is spent; try again later", 429)
        if wait_f > 0:
            self._sleep(wait_f)
        return max(0.0, wait_f)


def pacer_from_env(policy: PacingPolicy | None = None) -> Pacer:
    """Redis-backed when ``REDIS_URL`` is set (several workers share one budget), else local."""
    url = os.environ.get("REDIS_URL")
    if url:
        import redis

        return RedisPacer(redis.Redis.from_url(url), policy)
    return LocalPacer(policy)
