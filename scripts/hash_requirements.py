"""Compute the text fingerprints of the Standard for Public Code requirements.

Each requirement in ``criteria/sfpc-0.8.1.yml`` carries ``text_sha1``: the first 12 hex digits of
the SHA-1 of the official requirement sentence. When the Standard publishes a new release, the
fingerprints show which requirements kept their wording (same hash) and which ones changed or are
new (review their summary, level and checks).

Procedure
---------
1. Get a checkout of the Standard at the release tag, for example::

       git clone https://github.com/standard-for-public-code/standard-for-public-code
       git -C standard-for-public-code checkout 0.8.1

2. Compare the profile with the official text (exit status 1 on any difference)::

       python scripts/hash_requirements.py standard-for-public-code

3. Write the computed hashes into the profile (comments and layout are kept)::

       python scripts/hash_requirements.py standard-for-public-code --write

How a sentence is found and normalised
--------------------------------------
* For every criterion of the profile, the file ``criteria/<slug>.md`` of the checkout is read.
* Its ``## Requirements`` section is the list of top-level ``* `` bullet items up to the next
  ``## `` heading. The n-th bullet is requirement ``<code>-<n>`` (for example ``OL-3``).
* Markdown links ``[text](target)`` are reduced to ``text``; the sentence is stripped of
  surrounding white space and encoded as UTF-8 before hashing. Nothing else is changed
  (inline code such as ```CONTRIBUTING``` keeps its backticks).
* The level is the first of MUST NOT, SHOULD NOT, MUST, SHOULD, OPTIONAL found as a word in the
  sentence; a level that differs from the profile is reported too.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

DEFAULT_PROFILE = Path(__file__).resolve().parent.parent / "criteria" / "sfpc-0.8.1.yml"
LEVELS = ("MUST NOT", "SHOULD NOT", "MUST", "SHOULD", "OPTIONAL")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
BULLET = re.compile(r"^\* (.+)$", re.MULTILINE)


@dataclass(frozen=True)
class OfficialRequirement:
    id: str
    level: str | None
    text: str
    sha1: str


def normalise(sentence: str) -> str:
    """Reduce Markdown links to their text and strip surrounding white space."""
    return LINK.sub(r"\1", sentence).strip()


def fingerprint(sentence: str) -> str:
    return hashlib.sha1(normalise(sentence).encode("utf-8")).hexdigest()[:12]


def level_of(sentence: str) -> str | None:
    for level in LEVELS:
        if re.search(rf"\b{level}\b", sentence):
            return level
    return None


def requirement_sentences(markdown: str) -> list[str]:
    """Return the bullet items of the ``## Requirements`` section, in order."""
    parts = re.split(r"^## Requirements[ \t]*$", markdown, maxsplit=1, flags=re.MULTILINE)
    if len(parts) != 2:
        raise ValueError("no '## Requirements' section")
    section = re.split(r"^## ", parts[1], maxsplit=1, flags=re.MULTILINE)[0]
    return BULLET.findall(section)


def official_requirements(standard_dir: Path, code: str, slug: str) -> list[OfficialRequirement]:
    markdown = (standard_dir / "criteria" / f"{slug}.md").read_text(encoding="utf-8")
    result = []
    for ordinal, sentence in enumerate(requirement_sentences(markdown), start=1):
        text = normalise(sentence)
        result.append(
            OfficialRequirement(f"{code}-{ordinal}", level_of(text), text, fingerprint(text))
        )
    return result


def compare(profile: dict, standard_dir: Path) -> tuple[dict[str, str], list[str]]:
    """Return the computed hash per requirement id and a list of differences."""
    hashes: dict[str, str] = {}
    problems: list[str] = []
    for criterion in profile["criteria"]:
        official = official_requirements(standard_dir, criterion["code"], criterion["slug"])
        ours = {req["id"]: req for req in criterion["requirements"]}
        for item in official:
            hashes[item.id] = item.sha1
            req = ours.pop(item.id, None)
            if req is None:
                problems.append(f"{item.id}: in the official text, missing from the profile")
                continue
            if str(req.get("text_sha1")) != item.sha1:
                problems.append(f"{item.id}: text_sha1 {req.get('text_sha1')} != {item.sha1}")
            if req.get("level") != item.level:
                problems.append(f"{item.id}: level {req.get('level')} != {item.level}")
        problems.extend(f"{rid}: in the profile, not in the official text" for rid in ours)
    return hashes, problems


def rewrite_hashes(profile_text: str, hashes: dict[str, str]) -> str:
    """Replace the text_sha1 values line by line so that comments and layout survive."""
    lines = profile_text.splitlines(keepends=True)
    current = None
    for index, line in enumerate(lines):
        id_match = re.match(r"^\s*- id: ([A-Z]{2}-\d+)\s*$", line)
        if id_match:
            current = id_match.group(1)
            continue
        sha_match = re.match(r"^(\s*text_sha1: )\S+(.*)$", line.rstrip("\n"))
        if sha_match and current in hashes:
            newline = "\n" if line.endswith("\n") else ""
            lines[index] = f'{sha_match.group(1)}"{hashes[current]}"{sha_match.group(2)}{newline}'
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("standard", type=Path, help="checkout of the Standard for Public Code")
    parser.add_argument("--profile", type=Path, default=DEFAULT_PROFILE)
    parser.add_argument("--write", action="store_true", help="update text_sha1 in the profile")
    args = parser.parse_args(argv)

    profile_text = args.profile.read_text(encoding="utf-8")
    hashes, problems = compare(yaml.safe_load(profile_text), args.standard)
    for rid, sha in hashes.items():
        print(f"{rid}\t{sha}")
    if args.write:
        args.profile.write_text(rewrite_hashes(profile_text, hashes), encoding="utf-8")
        hashes, problems = compare(yaml.safe_load(args.profile.read_text("utf-8")), args.standard)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(hashes)} requirements, {len(problems)} differences", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
