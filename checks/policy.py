"""Bundle policy and source code: the policy the software carries out, and its formats."""

from __future__ import annotations

import re
from collections.abc import Iterator

from publiccode_checker.checks import (
    Evidence,
    Example,
    Finding,
    Strength,
    check,
    needs_person,
    passed,
    warned,
)
from publiccode_checker.context import CheckContext
from publiccode_checker.evidence.ci_config import ci_config
from publiccode_checker.evidence.policy_documents import (
    POLICY_TEST,
    PolicyEvidence,
    policy_evidence,
)
from publiccode_checker.snapshots import Snapshot

# -- examples for the reference pages ------------------------------------------------------------
_README = "# Permits\n\nResidents of Example Town apply for a parking permit online.\n"
_LEGAL_BASIS = (
    _README + "\n## Legal basis\n\nThe fees follow the parking bylaw of Example Town, published "
    "in the\n[municipal register](https://lokaleregelgeving.overheid.nl/CVDR000001).\n"
)
_DMN = '<definitions id="permit-fee" name="Permit fee"/>\n'
_WORKFLOW = ("on: pull_request\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
             "      - uses: actions/checkout@v4\n      - run: pytest rules/\n")


@check(
    id="policy-included",
    title="The policy the code carries out is part of the codebase",
    requirements=["BP-1", "BP-2"],
    strength=Strength.WEAK,
    why=(
        "Software that carries out policy can only be checked, reused and trusted when the "
        "policy itself sits next to the code that puts it into practice."
    ),
    how_to_fix=(
        "Add a 'Policy' or 'Legal basis' section (or a policy/ folder) with the laws, "
        "regulations and rules the software carries out, linking to official sources."
    ),
    limitations=(
        "BP-1 passes on any sign of policy, not on the policy being complete: a legal/ folder "
        "holding only a contributor agreement, or a 'GDPR' section on how the software stores "
        "data, is enough. Policy kept outside the documentation it reads (a PDF in an "
        "unusual folder, an intranet page) is missed, and software that carries out no policy "
        "gets a warning until someone declares the requirement not applicable. BP-2 is always "
        "left to a person."
    ),
    examples=[
        Example("A 'Legal basis' section links the bylaw the fees follow",
                {"README.md": _LEGAL_BASIS}, {"BP-1": "pass", "BP-2": "manual"}),
        Example("No policy anywhere in the codebase",
                {"README.md": _README, "src/app.py": "print('permits')\n"},
                {"BP-1": "warn", "BP-2": "manual"}),
    ],
)
def policy_included(context: CheckContext) -> Iterator[Finding]:
    """Looks for policy in the codebase: folders such as policy/, legal/ or regulations/,
    documentation sections headed 'Policy', 'Legal basis', 'Legislation' and the like (security,
    privacy, licence and contribution policies do not count, nor do changelogs), links to
    legislation portals, and BPMN/DMN rule files. BP-1 passes when any is found and warns when
    none is. BP-2 always asks a person, listing the machine-readable policy files found."""
    snapshot = context.snapshot
    found = policy_evidence(snapshot)
    if found.found:
        yield passed("BP-1", "Policy documents or references were found; a person should "
                             "confirm they are complete.", *found.evidence())
    else:
        yield warned("BP-1", "No policy found. If the software carries out no policy, declare "
                             "this requirement not applicable.",
                     Evidence("searched policy/, legal/ and regulation folders, policy and "
                              "legislation headings, links to legislation portals and "
                              "BPMN/DMN files"))
    extra = [Evidence("machine-readable policy", p) for p in found.machine_readable[:3]]
    yield needs_person("BP-2", "A person should confirm that any source code a policy is built "
                               "on is included (usually not applicable).", *extra)


@check(
    id="policy-code-published",
    title="Code that carries out policy is public",
    requirements=["CO-2", "CO-5"],
    strength=Strength.WEAK,
    why=(
        "Rules that decide about people must be open to inspection; the public should be able "
        "to find the code behind the services they use."
    ),
    how_to_fix=(
        "Publish the decision rules (for example as BPMN/DMN files or rule modules) in this "
        "repository, and link public services to the code they run on."
    ),
    limitations=(
        "It never decides: whether all code carrying out policy is published, and whether "
        "public services point to it, can only be seen from outside the repository. The rule "
        "files and policy folders it lists are hints, not proof that the rules in use are "
        "all here."
    ),
    examples=[
        Example("A DMN decision table is part of the codebase",
                {"README.md": _README, "rules/permit-fee.dmn": _DMN},
                {"CO-2": "manual", "CO-5": "manual"}),
        Example("No policy artefacts",
                {"README.md": _README}, {"CO-2": "manual", "CO-5": "manual"}),
    ],
)
def policy_code_published(context: CheckContext) -> Iterator[Finding]:
    """Always asks a person for both requirements. For CO-2 it lists, as hints, the
    machine-readable rule files (BPMN, DMN, OpenFisca parameters) and policy folders it found;
    CO-5 is about public services outside the repository, so it shows nothing."""
    snapshot = context.snapshot
    found = policy_evidence(snapshot)
    hints = [Evidence("rule or policy file", p) for p in found.machine_readable[:3]]
    hints += [Evidence(f"policy folder {d}/", d) for d in found.directories[:2]]
    yield needs_person("CO-2", "A person should confirm that all code carrying out policy is "
                               "published." + (" Policy artefacts were found." if hints else ""),
                       *hints)
    yield needs_person("CO-5", "A person can tell whether public services link to the code "
                               "and policy behind them.")


@check(
    id="machine-readable-policy",
    title="Policy is machine-readable and tested with the code",
    requirements=["BP-3", "BP-4"],
    strength=Strength.WEAK,
    why=(
        "Policy written in a format such as BPMN or DMN leaves no room for interpretation, and "
        "automated tests can then show that the code and the policy agree."
    ),
    how_to_fix=(
        "Write decision rules in an open, machine-readable format (BPMN, DMN, OpenFisca "
        "parameters) and run tests in CI that execute the code against them."
    ),
    limitations=(
        "Any BPMN or DMN file passes BP-3, including examples and test fixtures of a workflow "
        "library that carries out no policy; rules written in other formats (JSON decision "
        "tables, a rules engine's own language) are not recognised. BP-4 matches CI commands by "
        "text: a command that only mentions the policy folder, such as a linter run over "
        "policy/, passes, while a plain `pytest` whose tests load the DMN file warns, because "
        "test files are not read."
    ),
    examples=[
        Example("A DMN table tested in CI",
                {"README.md": _README, "rules/permit-fee.dmn": _DMN,
                 ".github/workflows/test.yml": _WORKFLOW},
                {"BP-3": "pass", "BP-4": "pass"}),
        Example("Policy only as a documentation section",
                {"README.md": _LEGAL_BASIS}, {"BP-3": "warn", "BP-4": "warn"}),
        Example("No policy found",
                {"README.md": _README}, {"BP-3": "manual", "BP-4": "manual"}),
    ],
)
def machine_readable_policy(context: CheckContext) -> Iterator[Finding]:
    """BP-3 passes when the tree holds BPMN, DMN, CMMN or FEEL files (or OpenFisca parameter
    and variable files in a project that depends on OpenFisca), warns when policy is only
    documented, and asks a person when no policy is found. BP-4 asks a person when no policy is
    found; otherwise it passes when a CI command or a script it calls mentions policy tests,
    DMN/BPMN, OpenFisca tests or the folder holding the policy, and warns when none does."""
    snapshot = context.snapshot
    found = policy_evidence(snapshot)
    no_policy = Evidence("no policy was found in the codebase")
    if found.machine_readable:
        yield passed("BP-3", f"{len(found.machine_readable)} machine-readable policy files.",
                     *(Evidence("policy file", p) for p in found.machine_readable[:3]))
    elif found.found:
        yield warned("BP-3", "Policy is documented, but not in a machine-readable format.",
                     *found.evidence(3))
    else:
        yield needs_person("BP-3", "No policy found; if the software carries out none, this "
                                   "does not apply.", no_policy)

    if not found.found:
        yield needs_person("BP-4", "No policy found; if the software carries out none, this "
                                   "does not apply.", no_policy)
        return
    reference = _ci_policy_reference(snapshot, found)
    if reference is not None:
        yield passed("BP-4", "CI runs tests that involve the policy.", reference)
    else:
        yield warned("BP-4", "No CI job tests the code against the policy.",
                     Evidence(f"inspected {len(ci_config(snapshot).files)} CI configuration "
                              "files and the scripts they call"))


def _ci_policy_reference(snapshot: Snapshot, found: PolicyEvidence) -> Evidence | None:
    names = sorted({p.rsplit("/", 1)[0] for p in found.machine_readable if "/" in p}
                   | set(found.directories))
    pattern = POLICY_TEST.pattern
    if names:
        pattern += "|" + "|".join(re.escape(n) for n in names)
    commands = ci_config(snapshot).search(re.compile(pattern, re.IGNORECASE))
    if not commands:
        return None
    return Evidence(f"CI runs '{commands[0].text.strip()[:80]}'", commands[0].path,
                    commands[0].line)
