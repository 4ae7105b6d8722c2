"""Pull-request feedback latency, alone and during an org-wide backfill.

Runs the real service (gunicorn + one worker process) against the fake GitHub on 127.0.0.1 with
30 ms added to every API request, and measures the time from posting a signed ``pull_request``
delivery to seeing the completed check run on the fake.

1. Ten pull requests on 2,000-file repositories, one after another: target p95 under 3 s.
2. A backfill of 500 repositories (installation created) with GitHub's content-creation windows
   scaled down (one "minute" lasts 0.6 s, and the service's pacing is scaled alike) so it runs in
   minutes; pull requests arrive meanwhile. Targets: no secondary-rate-limit answer from the fake,
   all 500 repositories evaluated, pull-request p95 still under 3 s.

Usage: python benchmarks/bench_pr_latency.py [--repos 500] [--prs 10] [--issues]
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_P95 = 3.0
LATENCY = 0.030
SCALE = 0.01  # GitHub's windows on a 100 times faster clock

PRODUCT = {
    "README.md": "# Product\n\nWhat it does, for whom, and how to install it.\n",
    "LICENSE": "MIT License\n\nCopyright (c) 2025 Someone\n",
}


def big_tree(count: int) -> dict[str, str]:
    files = dict(PRODUCT)
    for index in range(count - len(files)):
        files[f"src/package{index % 40}/module{index}.py"] = (
            f'"""Module {index}."""\n\n\ndef value() -> int:\n    return {index}\n')
    return files


def pull_request(template: dict[str, Any], repo: Any, installation: int,
                 number: int) -> dict[str, Any]:
    payload = copy.deepcopy(template)
    payload["installation"] = {"id": installation}
    payload["number"] = number
    payload["repository"].update(full_name=repo.full_name, name=repo.name,
                                 default_branch=repo.default_branch)
    payload["pull_request"].update(number=number)
    payload["pull_request"]["head"]["sha"] = repo.head
    payload["pull_request"]["base"]["sha"] = repo.commits[1].sha
    return payload


def feedback_latency(service: Any, fake: Any, payload: dict[str, Any], full_name: str) -> float:
    started = time.perf_counter()
    answer = service.post("pull_request", payload)
    assert answer.status_code == 202, answer.text
    while True:
        runs = fake.check_runs(full_name)
        if runs and runs[-1]["status"] == "completed":
            return time.perf_counter() - started
        if time.perf_counter() - started > 120:
            raise AssertionError(f"no completed check run on {full_name} after 120 s")
        time.sleep(0.01)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(len(ordered) * 0.95) - 1)]


def describe(name: str, values: list[float]) -> str:
    return (f"{name}: n={len(values)} p50 {statistics.median(values):.2f} s, "
            f"p95 {p95(values):.2f} s, max {max(values):.2f} s")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=int, default=500)
    parser.add_argument("--prs", type=int, default=10)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--issues", action="store_true",
                        help="also open tracking issues during the backfill")
    args = parser.parse_args(argv)

    from tests.conftest import reference_dir
    from tests.e2e.service import Service
    from tests.fake_github import FakeGitHub, FixtureRepo

    example = reference_dir() / "github" / "webhook-examples" / "pull_request" / "opened.12.json"
    template = json.loads(example.read_text(encoding="utf-8"))
    ok = True
    with FakeGitHub() as fake, tempfile.TemporaryDirectory(prefix="bench-pr-") as folder:
        fake.set_latency(LATENCY)
        # 1. Pull requests on big repositories, nothing else going on, with GitHub's real
        #    write pacing (a second between content-creating requests).
        service = Service(Path(folder) / "alone", fake,
                          extra_env={"GITHUB_PACING_SCALE": "1"}).start(workers=1)
        try:
            alone = []
            for number in range(1, args.prs + 1):
                repo = fake.add_repository(FixtureRepo(f"solo/big-{number}",
                                                       big_tree(args.files)), installation_id=1)
                alone.append(feedback_latency(service, fake, pull_request(template, repo, 1,
                                                                          number),
                                              repo.full_name))
        finally:
            service.stop()
        print(describe(f"PR feedback, {args.files}-file repositories, {LATENCY * 1000:.0f} "
                       "ms API latency", alone))
        ok &= p95(alone) < TARGET_P95

        # 2. The same during a backfill of the organisation, on the scaled clock.
        service = Service(Path(folder) / "backfill", fake,
                          extra_env={"GITHUB_PACING_SCALE": str(SCALE)}).start(workers=1)
        try:
            installation = 2
            fake.limit_content_creation(80, 60.0 * SCALE)
            config = "tracking_issue: true\n" if args.issues else "tracking_issue: false\n"
            fake.add_repository(FixtureRepo("org/.github", {"publiccode-checker.yml": config}),
                                installation_id=installation)
            for index in range(args.repos - 1):
                fake.add_repository(FixtureRepo(f"org/repo-{index:03d}", PRODUCT),
                                    installation_id=installation)
            created = json.loads((example.parent.parent / "installation" / "created.1.json")
                                 .read_text(encoding="utf-8"))
            created["installation"]["id"] = installation
            created["installation"]["account"]["login"] = "org"
            began = time.perf_counter()
            assert service.post("installation", created).status_code == 202

            def finished() -> int:
                return service.query(
                    "select count(*) from service_jobs where installation_id = 2 and "
                    "kind = 'scan' and state in ('done', 'skipped', 'failed')")[0][0]

            during: list[float] = []
            stop = threading.Event()

            def pull_requests() -> None:
                number = 100
                while not stop.is_set() and len(during) < args.prs:
                    time.sleep(2.0)
                    number += 1
                    repo = fake.add_repository(FixtureRepo(f"org/pr-{number}",
                                                           big_tree(args.files)),
                                               installation_id=installation)
                    during.append(feedback_latency(
                        service, fake, pull_request(template, repo, installation, number),
                        repo.full_name))

            prs = threading.Thread(target=pull_requests)
            prs.start()
            while finished() < args.repos and time.perf_counter() - began < 900:
                time.sleep(1)
            backfill_seconds = time.perf_counter() - began
            stop.set()
            prs.join()
            done = finished()
            limited = [r for r in fake.recorded() if r.status in (403, 429)]
            states = dict(service.query("select state, count(*) from service_jobs where "
                                        "installation_id = 2 and kind = 'scan' group by state"))
            print(f"backfill: {done}/{args.repos} repositories in {backfill_seconds:.0f} s "
                  f"({states}); content-creation window 80 per {60 * SCALE:.1f} s; "
                  f"rate-limit answers from the fake: {len(limited)}")
            if during:
                print(describe("PR feedback during the backfill", during))
                ok &= p95(during) < TARGET_P95
            ok &= done == args.repos and not limited
        finally:
            service.stop()
    print("target met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
