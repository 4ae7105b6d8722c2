"""Policy bundled with the code: policy folders, policy sections, links to legislation and
machine-readable rule files (BPMN, DMN, OpenFisca parameters)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from publiccode_checker.core.model import Evidence
from publiccode_checker.evidence import memoised
from publiccode_checker.evidence.documents import documents, prose_documents
from publiccode_checker.evidence.external_sites import LEGISLATION_HOSTS, host_of
from publiccode_checker.evidence.path_index import path_index
from publiccode_checker.evidence.section_blocks import blocks_matching
from publiccode_checker.snapshots import Snapshot

_POLICY_DIRS = frozenset({
    "policy", "policies", "legal", "regulation", "regulations", "legislation", "law", "laws",
    "beleid", "regelgeving", "wetgeving", "lovgivning", "regler", "normativa", "regole",
    "richtlinien", "gesetze", "decision-rules", "business-rules",
})
POLICY_HEADING = re.compile(
    r"\b(polic(y|ies)|legal basis|legislation|regulations?|laws?|legal framework|GDPR|"
    r"business rules|decision rules|beleid|wetgeving|regelgeving|lovgrundlag|lovgivning|"
    r"normativa|riferimenti normativi|rechtsgrundlage)\b",
    re.IGNORECASE,
)
# Headings about the project's own rules, not the policy it carries out.
_NOT_POLICY = re.compile(r"security|privacy polic|cookie|code of conduct|licen[cs]|"
                         r"support|versioning|release|contribut|branch|review|deprecation",
                         re.IGNORECASE)
_OPENFISCA = re.compile(r"(^|/)(parameters|variables)/[^/]+.*\.(ya?ml|py)$")
POLICY_TEST = re.compile(r"openfisca[- ]test|openfisca test|\.dmn\b|\.bpmn\b|dmn|bpmn|"
                          r"policy[-_ ]?tests?|rules?[-_ ]tests?", re.IGNORECASE)


@dataclass
class PolicyEvidence:
    directories: list[str] = field(default_factory=list)
    headings: list[Evidence] = field(default_factory=list)
    legislation_links: list[Evidence] = field(default_factory=list)
    machine_readable: list[str] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.directories or self.headings or self.legislation_links
                    or self.machine_readable)

    def evidence(self, limit: int = 5) -> list[Evidence]:
        items = [Evidence(f"policy folder {d}/", d) for d in self.directories[:2]]
        items += self.headings[:2] + self.legislation_links[:2]
        items += [Evidence("machine-readable policy", p) for p in self.machine_readable[:2]]
        return items[:limit]


@memoised
def policy_evidence(snapshot: Snapshot) -> PolicyEvidence:
    """Policy bundled with the code: folders, sections, legislation links, rule files."""
    result = PolicyEvidence()
    index = path_index(snapshot)
    for directory in index.directories:
        name = directory.rsplit("/", 1)[-1].lower()
        if name in _POLICY_DIRS and directory.count("/") <= 2 and not directory.startswith("."):
            result.directories.append(directory)
    docs = documents(snapshot)
    # A change log names every policy it ever touched; that is history, not the policy itself.
    for block in blocks_matching(prose_documents(docs), POLICY_HEADING):
        if not _NOT_POLICY.search(block.section.heading) and (block.words or block.links):
            result.headings.append(block.evidence(f"section '{block.section.heading}'"))
    for doc, link in docs.links():
        host = host_of(link.url)
        if any(host == h or host.endswith("." + h) for h in LEGISLATION_HOSTS):
            result.legislation_links.append(Evidence(f"link to legislation: {link.url}",
                                                     doc.path, link.line, url=link.url))
    openfisca = _uses_openfisca(snapshot)
    result.machine_readable = index.with_ext("bpmn", "dmn", "cmmn", "feel")
    if openfisca:
        result.machine_readable += [p for p in index.with_ext("yaml", "yml", "py")
                                    if _OPENFISCA.search(p)]
    return result


def _uses_openfisca(snapshot: Snapshot) -> bool:
    for manifest in ("pyproject.toml", "setup.py", "setup.cfg", "requirements.txt"):
        text = snapshot.head_text(manifest, 32_768) if snapshot.exists(manifest) else None
        if text and "openfisca" in text.lower():
            return True
    return False
