"""Bundle policy and source code: the policy the software carries out, and its formats."""

from __future__ import annotations

import re
from collections.abc import Iterator

from publiccode_checker.checks import Evidence, Finding, check, needs_person, passed, warned
from publiccode_checker.context import CheckContext
from publiccode_checker.evidence.ci_config import ci_config
from publiccode_checker.evidence.policy_documents import (
    POLICY_TEST,
    PolicyEvidence,
    policy_evidence,
)
from publiccode_checker.snapshots import Snapshot


@check(
    id="policy-included",
    title="The policy the code carries out is part of the codebase",
    requirements=["BP-1", "BP-2"],
    why=(
        "Software that carries out policy can only be checked, reused and trusted when the "
        "policy itself sits next to the code that puts it into practice."
    ),
    how_to_fix=(
        "Add a 'Policy' or 'Legal basis' section (or a policy/ folder) with the laws, "
        "regulations and rules the software carries out, linking to official sources."
    ),
)
def policy_included(context: CheckContext) -> Iterator[Finding]:
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
    why=(
        "Rules that decide about people must be open to inspection; the public should be able "
        "to find the code behind the services they use."
    ),
    how_to_fix=(
        "Publish the decision rules (for example as BPMN/DMN files or rule modules) in this "
        "repository, and link public services to the code they run on."
    ),
)
def policy_code_published(context: CheckContext) -> Iterator[Finding]:
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
    why=(
        "Policy written in a format such as BPMN or DMN leaves no room for interpretation, and "
        "automated tests can then show that the code and the policy agree."
    ),
    how_to_fix=(
        "Write decision rules in an open, machine-readable format (BPMN, DMN, OpenFisca "
        "parameters) and run tests in CI that execute the code against them."
    ),
)
def machine_readable_policy(context: CheckContext) -> Iterator[Finding]:
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
