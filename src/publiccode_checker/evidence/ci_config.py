"""Continuous integration configuration: which CI systems run what, and on which events.

GitHub workflows are parsed as YAML node trees (never constructed into objects), which keeps line
numbers and reads ``on:`` as the word it is rather than YAML 1.1's ``True``. Other systems' files
are scanned as text, line by line. One level of indirection is followed from CI commands into
local scripts, Makefile targets and ``package.json``/``composer.json`` scripts, because projects
often keep the real commands there.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

import yaml

from publiccode_checker.core.model import Evidence
from publiccode_checker.evidence import collector, memoised
from publiccode_checker.evidence.contribution_guides import guidelines
from publiccode_checker.evidence.documents import documents
from publiccode_checker.evidence.files import inventory, is_vendored
from publiccode_checker.evidence.source_sample import source_sample
from publiccode_checker.evidence.text_search import passage_of
from publiccode_checker.snapshots import Snapshot

MAX_CI_BYTES = 256 * 1024
#: Nodes visited per YAML file; stops alias bombs from expanding without end.
MAX_YAML_NODES = 20_000
MAX_SCRIPT_LINES = 400

#: Events on which a GitHub workflow checks a contribution before it is merged.
PR_EVENTS = frozenset({"pull_request", "pull_request_target", "merge_group"})

_ROOT_FILES = {
    ".gitlab-ci.yml": "gitlab",
    "Jenkinsfile": "jenkins",
    "azure-pipelines.yml": "azure",
    "azure-pipelines.yaml": "azure",
    ".travis.yml": "travis",
    ".circleci/config.yml": "circleci",
    ".circleci/config.yaml": "circleci",
    "bitbucket-pipelines.yml": "bitbucket",
    ".drone.yml": "drone",
    ".woodpecker.yml": "woodpecker",
    ".woodpecker.yaml": "woodpecker",
    "appveyor.yml": "appveyor",
    ".appveyor.yml": "appveyor",
    ".cirrus.yml": "cirrus",
}
_DIRS = {".woodpecker": "woodpecker", ".buildkite": "buildkite"}
#: Text that shows a non-GitHub system runs on merge/pull requests; None when it cannot be told.
#: GitLab CI is read job by job instead (``_gitlab_config``).
_PR_HINT = {
    "bitbucket": re.compile(r"^\s*pull-requests\s*:", re.MULTILINE),
    "drone": re.compile(r"pull_request", re.IGNORECASE),
    "woodpecker": re.compile(r"pull_request", re.IGNORECASE),
    "azure": re.compile(r"^pr\s*:", re.MULTILINE),
    "jenkins": re.compile(r"\bCHANGE_ID\b|changeRequest\(\)"),
    "buildkite": re.compile(r"BUILDKITE_PULL_REQUEST"),
    "cirrus": re.compile(r"CIRRUS_PR"),
}
#: Systems that build pull requests unless told otherwise.
_PR_BY_DEFAULT = frozenset({"travis", "appveyor", "pre-commit.ci"})

_INSTALL = re.compile(
    r"^(?:-\s*)?(?:sudo\s+)?(?:pip3?\s+install|python3?\s+-m\s+pip\s+install|pipx\s+install|"
    r"uv\s+(?:pip\s+install|add|tool\s+install)|poetry\s+add|npm\s+(?:i|install|ci)\b|"
    r"yarn\s+(?:add|install)|pnpm\s+(?:add|install)|composer\s+(?:require|install|global)|"
    r"apt(?:-get)?\s+install|brew\s+install|gem\s+install|go\s+install|cargo\s+install|"
    r"dotnet\s+tool\s+install)\b"
)
_CHAINED = re.compile(r"&&|\|\||;")
# A message about a tool ("echo 'pytest results:'") does not run it.
_PRINT = re.compile(r"^(?:-\s*)?(?:echo|printf)\b")
_COMMENT = re.compile(r"^\s*(?:#|//)")
_LOCAL_SCRIPT = re.compile(
    r"(?:^|[\s;&|(\"'])"
    r"(\./[\w./-]+|(?:script|scripts|bin|tools|ci|\.ci|hack|\.github/scripts)/[\w./-]+|"
    r"[\w./-]+\.(?:sh|bash|ps1))"
)
#: Build tool wrappers: long generated scripts that say nothing about what the project checks.
_WRAPPERS = frozenset({"gradlew", "mvnw", "composer.phar", "gradlew.bat", "mvnw.cmd"})
_NPM_RUN = re.compile(
    r"\b(?:npm|pnpm|yarn|bun)\s+(?:--?[\w-]+(?:=\S+)?\s+)*(?:run(?:-script)?\s+)?([\w:.-]+)"
)
_NPM_BUILTIN = frozenset(
    "install ci add i exec x dlx publish audit version config init link update upgrade "
    "remove uninstall cache pack set why list ls global workspace workspaces".split()
)
_COMPOSER_RUN = re.compile(r"\bcomposer\s+(?:run(?:-script)?\s+)?([\w:.-]+)")
_COMPOSER_BUILTIN = frozenset(
    "install update require remove dump-autoload dumpautoload validate config self-update "
    "global create-project show outdated audit diagnose check-platform-reqs licenses "
    "exec depends why why-not prohibits archive clear-cache status suggests fund bump".split()
)
_MAKE_RUN = re.compile(r"\bmake\s+(?:-\S+\s+)*([\w.-]+)")
_MAKE_TARGET = re.compile(r"^([\w.-]+(?:\s+[\w.-]+)*)\s*::?(?!=)")


@dataclass(frozen=True)
class CiCommand:
    """One command line a CI system runs, with where it is written."""

    path: str
    line: int
    text: str
    system: str
    #: "run" (a shell step), "uses" (a reusable action), "line" (a text line) or "script".
    kind: str
    job: str | None = None
    job_id: str | None = None
    #: True: runs for pull/merge requests; False: only on other events; None: cannot tell.
    on_pull_request: bool | None = None
    #: "path:line" of the CI command that led to this one, for commands in called scripts.
    via: str | None = None

    def location(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class CiFile:
    path: str
    system: str
    name: str | None = None
    triggers: tuple[str, ...] = ()
    on_pull_request: bool | None = None
    jobs: tuple[str, ...] = ()
    problem: str | None = None


@dataclass
class CiConfig:
    files: list[CiFile] = field(default_factory=list)
    commands: list[CiCommand] = field(default_factory=list)
    followed: list[str] = field(default_factory=list)

    @property
    def systems(self) -> list[str]:
        return sorted({f.system for f in self.files})

    def search(
        self,
        pattern: re.Pattern[str] | str,
        *,
        pull_requests_only: bool = False,
        include_installs: bool = False,
    ) -> list[CiCommand]:
        """Commands matching ``pattern``, optionally only those that run on pull requests.

        Lines that only install a tool (``pip install pytest``) do not run it, so they are left
        out unless ``include_installs`` is set.
        """
        regex = re.compile(pattern) if isinstance(pattern, str) else pattern
        return [
            command for command in self.commands
            if (not pull_requests_only or command.on_pull_request)
            and regex.search(command.text)
            and (include_installs or not _only_installs(command.text))
            and not _only_prints(command.text)
        ]

    def to_facts(self) -> dict:
        return {
            "systems": self.systems,
            "files": [
                {"path": f.path, "system": f.system, "triggers": list(f.triggers),
                 "on_pull_request": f.on_pull_request, "jobs": list(f.jobs)[:20],
                 **({"problem": f.problem} if f.problem else {})}
                for f in self.files
            ],
            "commands": len(self.commands),
            "followed": self.followed,
        }


@collector("ci")
def ci_config(snapshot: Snapshot) -> CiConfig:
    config = CiConfig()
    for path in _ci_paths(snapshot):
        text = snapshot.read_text(path, MAX_CI_BYTES)
        system = _system_of(path)
        if text is None:
            config.files.append(CiFile(path, system, problem="unreadable, binary or too large"))
            continue
        if system == "github":
            ci_file, commands = _github_workflow(path, text)
        elif system == "github-action":
            ci_file, commands = _github_action(path, text)
        elif system == "gitlab":
            ci_file, commands = _gitlab_config(path, text)
        else:
            ci_file, commands = _text_config(path, system, text)
        config.files.append(ci_file)
        config.commands.extend(commands)
    pre_commit = _pre_commit_ci(snapshot)
    if pre_commit:
        config.files.append(pre_commit[0])
        config.commands.extend(pre_commit[1])
    _inherit_reusable_triggers(config)
    _follow(snapshot, config)
    return config


def _ci_paths(snapshot: Snapshot) -> Iterator[str]:
    for path in snapshot.paths:
        if _is_ci_path(path):
            yield path


def _is_ci_path(path: str) -> bool:
    lower = path.lower()
    if lower.startswith(".github/workflows/"):
        return lower.endswith((".yml", ".yaml"))
    if lower.startswith(".github/actions/"):
        return lower.endswith(("/action.yml", "/action.yaml"))
    if path in _ROOT_FILES or (lower.startswith("jenkinsfile") and "/" not in path):
        return True
    top = path.split("/", 1)[0]
    return top in _DIRS and "/" in path and lower.endswith((".yml", ".yaml", ".sh"))


def _system_of(path: str) -> str:
    lower = path.lower()
    if lower.startswith(".github/workflows/"):
        return "github"
    if lower.startswith(".github/actions/"):
        return "github-action"
    if lower.startswith("jenkinsfile"):
        return "jenkins"
    return _ROOT_FILES.get(path) or _DIRS.get(path.split("/", 1)[0], "other")


# -- GitHub workflows ---------------------------------------------------------------------------
def _compose(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _mapping(node: yaml.Node | None) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    result: dict[str, yaml.Node] = {}
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode):
            result.setdefault(str(key.value), value)
    return result


def _scalar(node: yaml.Node | None) -> str | None:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else None


def _sequence(node: yaml.Node | None) -> list[yaml.Node]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _triggers(node: yaml.Node | None) -> tuple[str, ...]:
    if isinstance(node, yaml.ScalarNode):
        return (str(node.value),)
    if isinstance(node, yaml.SequenceNode):
        return tuple(str(n.value) for n in node.value if isinstance(n, yaml.ScalarNode))
    return tuple(_mapping(node))


def _scalar_lines(node: yaml.ScalarNode) -> Iterator[tuple[int, str]]:
    """Each line of a scalar with its 1-based line in the file."""
    first = node.start_mark.line + 1
    if node.style in ("|", ">"):
        first += 1  # block scalars start on the line after the indicator
    for offset, line in enumerate(str(node.value).splitlines()):
        if line.strip() and not _COMMENT.match(line):
            yield first + offset, line.strip()


def _github_workflow(path: str, text: str) -> tuple[CiFile, list[CiCommand]]:
    try:
        root = _compose(text)
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        return CiFile(path, "github", problem=f"not valid YAML: {_short(exc)}"), []
    top = _mapping(root)
    on_node = top.get("on") or top.get("true") or top.get("True")
    triggers = _triggers(on_node)
    on_pr = any(t in PR_EVENTS for t in triggers) if triggers else None
    commands: list[CiCommand] = []
    jobs: list[str] = []
    budget = [MAX_YAML_NODES]
    for job_id, job in _mapping(top.get("jobs")).items():
        spec = _mapping(job)
        name = _scalar(spec.get("name")) or job_id
        jobs.append(name)
        base = CiCommand(path, 1, "", "github", "run", name, job_id, on_pr)
        uses = spec.get("uses")
        if isinstance(uses, yaml.ScalarNode):
            commands.append(replace(base, line=uses.start_mark.line + 1, kind="uses",
                                    text=f"uses: {uses.value}"))
        commands.extend(_steps(spec.get("steps"), base, budget))
    name = _scalar(top.get("name"))
    return CiFile(path, "github", name, triggers, on_pr, tuple(jobs)), commands


def _steps(node: yaml.Node | None, base: CiCommand, budget: list[int]) -> Iterator[CiCommand]:
    for step in _sequence(node):
        budget[0] -= 1
        if budget[0] < 0:
            return
        spec = _mapping(step)
        run = spec.get("run")
        if isinstance(run, yaml.ScalarNode):
            for line, command in _scalar_lines(run):
                budget[0] -= 1
                yield replace(base, line=line, text=command, kind="run")
        uses = spec.get("uses")
        if isinstance(uses, yaml.ScalarNode):
            arguments = " ".join(
                f"{key}={value.value}" for key, value in _mapping(spec.get("with")).items()
                if isinstance(value, yaml.ScalarNode) and len(str(value.value)) < 300
            )
            text = f"uses: {uses.value} {arguments}".strip()
            yield replace(base, line=uses.start_mark.line + 1, text=text, kind="uses")


def _github_action(path: str, text: str) -> tuple[CiFile, list[CiCommand]]:
    """A local composite action: its steps run in whichever workflow uses it."""
    try:
        root = _compose(text)
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        return CiFile(path, "github-action", problem=f"not valid YAML: {_short(exc)}"), []
    runs = _mapping(_mapping(root).get("runs"))
    base = CiCommand(path, 1, "", "github-action", "run", None, None, None)
    commands = list(_steps(runs.get("steps"), base, [MAX_YAML_NODES]))
    return CiFile(path, "github-action"), commands


def _inherit_reusable_triggers(config: CiConfig) -> None:
    """Reusable workflows and local actions run on the events of whatever calls them."""
    callers: dict[str, list[CiCommand]] = {}
    for command in config.commands:
        parts = command.text.split()
        if command.kind == "uses" and len(parts) > 1 and parts[1].startswith("./"):
            target = posixpath.normpath(parts[1][2:].split("@")[0])
            callers.setdefault(target, []).append(command)
    if not callers:
        return
    for index, command in enumerate(config.commands):
        if command.system == "github":
            key = command.path
        elif command.system == "github-action":
            key = posixpath.dirname(command.path)
        else:
            continue
        calling = callers.get(key)
        if not calling:
            continue
        caller = next((c for c in calling if c.on_pull_request), calling[0])
        config.commands[index] = replace(
            command,
            on_pull_request=command.on_pull_request or caller.on_pull_request,
            job=command.job or caller.job,
            job_id=command.job_id or caller.job_id,
            via=caller.location(),
        )
    for index, ci_file in enumerate(config.files):
        calling = callers.get(ci_file.path) or callers.get(posixpath.dirname(ci_file.path), [])
        if not ci_file.on_pull_request and any(c.on_pull_request for c in calling):
            config.files[index] = replace(ci_file, on_pull_request=True)


# -- other systems ------------------------------------------------------------------------------
def _text_config(path: str, system: str, text: str) -> tuple[CiFile, list[CiCommand]]:
    hint = _PR_HINT.get(system)
    on_pr: bool | None = True if system in _PR_BY_DEFAULT else None
    if hint is not None and hint.search(text):
        on_pr = True
    commands = [
        CiCommand(path, number, line.strip(), system, "line", None, None, on_pr)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not _COMMENT.match(line)
    ]
    return CiFile(path, system, on_pull_request=on_pr), commands


# -- GitLab CI ----------------------------------------------------------------------------------
#: Top-level keys of a ``.gitlab-ci.yml`` that are settings, not jobs.
_GITLAB_RESERVED = frozenset({"image", "services", "stages", "types", "before_script",
                              "after_script", "variables", "cache", "include", "workflow",
                              "default", "spec"})
#: ``only:``/``except:`` refs that select merge request pipelines, and those that select branch
#: pipelines (which test a contribution's branch too, but not necessarily before it is merged).
_GITLAB_MR_REFS = frozenset({"merge_requests", "external_pull_requests"})
_GITLAB_BRANCH_REFS = frozenset({"branches", "pushes"})
_MR_SOURCE = re.compile(
    r"\$CI_PIPELINE_SOURCE\s*(==|!=|=~|!~)\s*(?:[\"']?merge_request_event[\"']?|/[^/]*merge_request[^/]*/)"
    r"|[\"']merge_request_event[\"']\s*(==|!=)\s*\$CI_PIPELINE_SOURCE"
)
_OTHER_SOURCE = re.compile(r"\$CI_PIPELINE_SOURCE\s*==\s*[\"'](\w+)[\"']")
_MR_VARIABLE = re.compile(r"^(!?)\$CI_MERGE_REQUEST_\w+\s*(?:(==|!=|=~|!~)\s*(\S+))?$")
#: Variables GitLab does not set in merge request pipelines.
_BRANCH_VARIABLE = re.compile(r"^\$CI_COMMIT_(?:BRANCH|TAG)\b(?!\s*(?:!=|!~|==\s*null))")


def _gitlab_config(path: str, text: str) -> tuple[CiFile, list[CiCommand]]:
    """A ``.gitlab-ci.yml`` read job by job: each job runs on merge requests according to its
    own ``rules:``, ``only:`` and ``except:`` (through ``extends:`` and YAML merge keys) and
    the top-level ``workflow: rules:``; a line belongs to the top-level key it is written
    under."""
    try:
        root = _compose(text)
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        return _gitlab_lines(path, text, CiFile(path, "gitlab", problem=f"not valid YAML: "
                                                 f"{_short(exc)}"), [], {})
    if not isinstance(root, yaml.MappingNode):
        return _gitlab_lines(path, text, CiFile(path, "gitlab"), [], {})
    top = _gitlab_keys(root)
    keys = [(str(k.value), k.start_mark.line + 1) for k, _ in root.value
            if isinstance(k, yaml.ScalarNode) and k.value != "<<"]
    jobs = [name for name, _ in keys
            if name not in _GITLAB_RESERVED and not name.startswith(".")
            and isinstance(top.get(name), yaml.MappingNode)]
    workflow = _gitlab_workflow(top)
    own = {name: _gitlab_job_rules(top, name) for name in jobs}
    # Without workflow rules, GitLab creates merge request pipelines when a job asks for them;
    # jobs whose rules match every pipeline then run in them too.
    mr_pipelines = workflow if workflow is not None else (True if any(
        v is True for v, _ in own.values()) else None)
    verdicts: dict[str, bool | None] = {}
    for name, (value, default) in own.items():
        if default:
            # A job without rules, or whose rules match every pipeline, runs in merge request
            # pipelines only when they are created; otherwise in branch pipelines, which the
            # files cannot tie to merge requests.
            value = True if workflow is True or (
                value and mr_pipelines and workflow is not False) else None
        elif workflow is False and value:
            value = False  # the workflow never creates the merge request pipeline it asks for
        verdicts[name] = value
    users = _gitlab_template_users(top, jobs)
    return _gitlab_lines(path, text, CiFile(path, "gitlab", jobs=tuple(jobs)),
                         keys, {"jobs": verdicts, "users": users})


def _gitlab_lines(path: str, text: str, ci_file: CiFile, keys: list[tuple[str, int]],
                  found: dict) -> tuple[CiFile, list[CiCommand]]:
    verdicts: dict[str, bool | None] = found.get("jobs", {})
    users: dict[str, set[str]] = found.get("users", {})
    whole = _any_pull_request(list(verdicts.values()))
    owner_at: list[tuple[int, str]] = sorted((line, name) for name, line in keys)
    commands = []
    index = -1
    for number, line in enumerate(text.splitlines(), start=1):
        while index + 1 < len(owner_at) and owner_at[index + 1][0] <= number:
            index += 1
        if not line.strip() or _COMMENT.match(line):
            continue
        owner = owner_at[index][1] if index >= 0 else None
        job: str | None = None
        if owner in verdicts:
            job, on_pr = owner, verdicts[owner]
        elif owner is not None and owner.startswith("."):
            # A template runs in the jobs that extend or merge it; unused, nobody can tell.
            using = sorted(u for u in users.get(owner, ()) if u in verdicts)
            on_pr = _any_pull_request([verdicts[u] for u in using])
            job = using[0] if len(using) == 1 else None
        else:
            # Settings (default:, before_script:, variables:) apply to every job.
            on_pr = whole
        commands.append(CiCommand(path, number, line.strip(), "gitlab", "line", job, job, on_pr))
    return replace(ci_file, on_pull_request=whole), commands


def _any_pull_request(values: list[bool | None]) -> bool | None:
    if any(v is True for v in values):
        return True
    if not values or any(v is None for v in values):
        return None
    return False


def _gitlab_keys(node: yaml.Node | None, depth: int = 0) -> dict[str, yaml.Node]:
    """A mapping's keys with YAML merge keys (``<<: *template``) applied under them."""
    if not isinstance(node, yaml.MappingNode) or depth > 10:
        return {}
    merged: dict[str, yaml.Node] = {}
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "<<":
            for source in (_sequence(value) or [value]):
                for name, item in _gitlab_keys(source, depth + 1).items():
                    merged.setdefault(name, item)
    own = _mapping(node)
    own.pop("<<", None)
    return {**merged, **own}


def _gitlab_extends(top: dict[str, yaml.Node], name: str) -> list[str]:
    """A job's ``extends:`` chain, nearest first."""
    chain: list[str] = []
    pending = [name]
    while pending and len(chain) < 20:
        spec = _gitlab_keys(top.get(pending.pop(0)))
        node = spec.get("extends")
        parents = [n for n in ([_scalar(node)] + [_scalar(v) for v in _sequence(node)]) if n]
        for parent in reversed(parents):  # later parents override earlier ones
            if parent not in chain and parent != name:
                chain.append(parent)
                pending.append(parent)
    return chain


def _gitlab_setting(top: dict[str, yaml.Node], name: str, key: str) -> yaml.Node | None:
    for source in [name, *_gitlab_extends(top, name)]:
        node = _gitlab_keys(top.get(source)).get(key)
        if node is not None:
            return _gitlab_reference(top, node)
    return None


def _gitlab_reference(top: dict[str, yaml.Node], node: yaml.Node) -> yaml.Node | None:
    """What a ``!reference [.template, key]`` points at; any other node itself."""
    if not (isinstance(node, yaml.SequenceNode) and node.tag == "!reference"):
        return node
    target: yaml.Node | None = None
    for step, part in enumerate(_sequence(node)):
        name = _scalar(part)
        if name is None:
            return None
        target = top.get(name) if step == 0 else _gitlab_keys(target).get(name)
    return target


def _gitlab_template_users(top: dict[str, yaml.Node], jobs: list[str]) -> dict[str, set[str]]:
    """For each hidden job (``.template``), the jobs that extend, merge or reference it."""
    users: dict[str, set[str]] = {}
    templates = {name: node for name, node in top.items() if name.startswith(".")}
    for job in jobs:
        for parent in _gitlab_extends(top, job):
            users.setdefault(parent, set()).add(job)
        node = top.get(job)
        for key, value in node.value if isinstance(node, yaml.MappingNode) else []:
            if isinstance(key, yaml.ScalarNode) and key.value == "<<":
                for source in (_sequence(value) or [value]):
                    for name, template in templates.items():
                        if source is template:
                            users.setdefault(name, set()).add(job)
        for tag_node in _gitlab_references(node):
            first = _scalar(_sequence(tag_node)[0]) if _sequence(tag_node) else None
            if first:
                users.setdefault(first, set()).add(job)
    return users


def _gitlab_references(node: yaml.Node | None, depth: int = 0) -> Iterator[yaml.Node]:
    if depth > 8:
        return
    if isinstance(node, yaml.SequenceNode):
        if node.tag == "!reference":
            yield node
            return
        for item in node.value:
            yield from _gitlab_references(item, depth + 1)
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            yield from _gitlab_references(value, depth + 1)


def _gitlab_workflow(top: dict[str, yaml.Node]) -> bool | None:
    """True when the workflow creates merge request pipelines (jobs without rules then run in
    them), False when it never does, None when it cannot be told or there are no rules."""
    for include in [top.get("include"), *_sequence(top.get("include"))]:
        for node in [include, *_mapping(include).values()]:
            if "MergeRequest-Pipelines" in (_scalar(node) or ""):
                return True
    rules = _gitlab_reference(top, _mapping(top.get("workflow")).get("rules")) \
        if top.get("workflow") is not None else None
    if rules is None:
        return None
    verdict, matches_all = _gitlab_rules(top, rules)
    return None if matches_all else verdict


def _gitlab_job_rules(top: dict[str, yaml.Node], name: str) -> tuple[bool | None, bool]:
    """Whether a job runs in merge request pipelines by its own ``rules:``/``only:``/
    ``except:``, and whether that answer is GitLab's default (no rules, or rules matching
    every pipeline), which then depends on the workflow."""
    rules = _gitlab_setting(top, name, "rules")
    if rules is not None:
        return _gitlab_rules(top, rules)
    only = _gitlab_refs(_gitlab_setting(top, name, "only"))
    excluded = _gitlab_refs(_gitlab_setting(top, name, "except"))
    if excluded is not None and excluded & _GITLAB_MR_REFS:
        return False, False
    if only is None:
        return None, True
    if only & _GITLAB_MR_REFS:
        return True, False
    if only & _GITLAB_BRANCH_REFS or any(ref.startswith("/") for ref in only):
        return None, False
    # Named branches, tags, schedules, web: after a merge, not on the contribution.
    return (False if only else None), False


def _gitlab_refs(node: yaml.Node | None) -> set[str] | None:
    """The refs of an ``only:``/``except:`` (a list, or a mapping's ``refs:``); None without."""
    if node is None:
        return None
    if isinstance(node, yaml.MappingNode):
        refs = _mapping(node).get("refs")
        if refs is None:
            return set()  # variables or changes only: the default refs
        node = refs
    if isinstance(node, yaml.ScalarNode):
        return {str(node.value)}
    return {str(n.value) for n in _sequence(node) if isinstance(n, yaml.ScalarNode)}


def _gitlab_rules(top: dict[str, yaml.Node], node: yaml.Node | None) -> tuple[bool | None, bool]:
    """Reads ``rules:`` as GitLab does for a merge request pipeline: the first rule whose
    ``if:`` holds decides. Returns (runs on merge requests, matches every pipeline)."""
    maybe = False
    items: list[yaml.Node] = []
    for item in _sequence(node):
        resolved = _gitlab_reference(top, item)
        items.extend(_sequence(resolved) if isinstance(item, yaml.SequenceNode) else [resolved])
    for rule in items:
        spec = _mapping(rule)
        when = (_scalar(spec.get("when")) or "on_success").strip()
        condition = _scalar(spec.get("if"))
        holds = _holds_on_merge_request(condition) if condition is not None else True
        if holds is False:
            continue
        if holds is None:
            # A condition that may hold on a merge request: when it excludes the job, assume
            # it is about other pipelines; when it runs the job, the answer is open.
            maybe = maybe or when != "never"
            continue
        if when == "never":
            return False, False
        if when not in ("on_success", "always", "on_failure", "delayed"):
            return None, False  # manual: runs only when someone starts it
        if condition is None:
            return (None if maybe else True), not maybe
        return True, False
    return (None if maybe else False), False


def _holds_on_merge_request(condition: str) -> bool | None:
    """Whether a rule's ``if:`` expression holds in a merge request pipeline: True, False, or
    None when it depends on more than the kind of pipeline."""
    disjuncts = []
    for disjunct in re.split(r"\|\|", condition.replace("(", " ").replace(")", " ")):
        values = [_term_on_merge_request(term.strip()) for term in disjunct.split("&&")]
        if False in values:
            disjuncts.append(False)
        elif values and all(v is True for v in values):
            disjuncts.append(True)
        else:
            disjuncts.append(None)
    if True in disjuncts:
        return True
    if disjuncts and all(d is False for d in disjuncts):
        return False
    return None


def _term_on_merge_request(term: str) -> bool | None:
    source = _MR_SOURCE.search(term)
    if source:
        operator = source.group(1) or source.group(2)
        return operator in ("==", "=~")
    other = _OTHER_SOURCE.search(term)
    if other:
        return False  # another pipeline source ("push", "schedule")
    variable = _MR_VARIABLE.match(term)
    if variable:
        negated, operator, value = variable.groups()
        if operator is None:
            return not negated
        if value == "null":
            return operator == "!="
        return True if operator in ("==", "=~") and not negated else None
    if _BRANCH_VARIABLE.match(term):
        return False
    return None


def _pre_commit_ci(snapshot: Snapshot) -> tuple[CiFile, list[CiCommand]] | None:
    """pre-commit.ci runs a repository's hooks on every pull request once its app is enabled;
    a top-level ``ci:`` section in the hooks file shows it is in use."""
    path = ".pre-commit-config.yaml" if snapshot.exists(".pre-commit-config.yaml") else None
    if path is None:
        return None
    text = snapshot.read_text(path, MAX_CI_BYTES)
    if not text or not re.search(r"^ci\s*:", text, re.MULTILINE):
        return None
    commands = [
        CiCommand(path, number, f"pre-commit hook {match.group(1)}", "pre-commit.ci", "line",
                  "pre-commit.ci", None, True)
        for number, line in enumerate(text.splitlines(), start=1)
        if (match := re.match(r"^\s*-?\s*id\s*:\s*['\"]?([\w.-]+)", line))
    ]
    return CiFile(path, "pre-commit.ci", on_pull_request=True, jobs=("pre-commit.ci",)), commands


# -- one level of indirection -------------------------------------------------------------------
def _follow(snapshot: Snapshot, config: CiConfig) -> None:
    manifests: dict[str, dict[str, list[tuple[int, str]]]] = {}
    makefile = _makefile_targets(snapshot)
    scripts_seen: dict[str, list[tuple[int, str]] | None] = {}
    extra: list[CiCommand] = []
    for command in list(config.commands):
        if command.kind == "uses":
            continue
        for target, lines in _called(snapshot, command.text, manifests, makefile, scripts_seen):
            if target not in config.followed:
                config.followed.append(target)
            path, _, _ = target.partition("#")
            for number, text in lines:
                extra.append(replace(command, path=path, line=number, text=text, kind="script",
                                     via=command.location()))
    config.commands.extend(extra)


def _called(
    snapshot: Snapshot,
    text: str,
    manifests: dict[str, dict[str, list[tuple[int, str]]]],
    makefile: dict[str, list[tuple[int, str]]],
    scripts_seen: dict[str, list[tuple[int, str]] | None],
) -> Iterator[tuple[str, list[tuple[int, str]]]]:
    for match in _NPM_RUN.finditer(text):
        name = "test" if match.group(1) in ("t", "tst") else match.group(1)
        if name not in _NPM_BUILTIN:
            lines = _manifest_scripts(snapshot, "package.json", manifests).get(name)
            if lines:
                yield f"package.json#{name}", lines
    for match in _COMPOSER_RUN.finditer(text):
        if match.group(1) not in _COMPOSER_BUILTIN:
            lines = _manifest_scripts(snapshot, "composer.json", manifests).get(match.group(1))
            if lines:
                yield f"composer.json#{match.group(1)}", lines
    for match in _MAKE_RUN.finditer(text):
        lines = makefile.get(match.group(1))
        if lines:
            yield f"{makefile_path(snapshot)}#{match.group(1)}", lines
    for match in _LOCAL_SCRIPT.finditer(text):
        candidate = posixpath.normpath(match.group(1))
        if posixpath.basename(candidate) in _WRAPPERS:
            continue
        if candidate not in scripts_seen:
            scripts_seen[candidate] = _script_lines(snapshot, candidate)
        lines = scripts_seen[candidate]
        if lines:
            yield candidate, lines


def _script_lines(snapshot: Snapshot, path: str) -> list[tuple[int, str]] | None:
    if not snapshot.exists(path) or is_vendored(path):
        return None
    text = snapshot.read_text(path, MAX_CI_BYTES)
    if text is None:
        return None
    lines = [
        (number, line.strip())
        for number, line in enumerate(text.splitlines()[:MAX_SCRIPT_LINES], start=1)
        if line.strip() and not _COMMENT.match(line)
    ]
    return lines or None


def _manifest_scripts(
    snapshot: Snapshot, path: str, cache: dict[str, dict[str, list[tuple[int, str]]]]
) -> dict[str, list[tuple[int, str]]]:
    if path in cache:
        return cache[path]
    result: dict[str, list[tuple[int, str]]] = {}
    cache[path] = result
    text = snapshot.read_text(path, MAX_CI_BYTES) if snapshot.exists(path) else None
    if not text:
        return result
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return result
    scripts = data.get("scripts") if isinstance(data, dict) else None
    if not isinstance(scripts, dict):
        return result
    lines = text.splitlines()
    for name, body in scripts.items():
        bodies = body if isinstance(body, list) else [body]
        number = _line_of_key(lines, name)
        result[str(name)] = [(number, str(b)) for b in bodies if isinstance(b, str) and b.strip()]
    return result


def _line_of_key(lines: list[str], key: str) -> int:
    needle = json.dumps(key)
    for number, line in enumerate(lines, start=1):
        if needle in line:
            return number
    return 1


def makefile_path(snapshot: Snapshot) -> str | None:
    for name in ("Makefile", "makefile", "GNUmakefile"):
        if snapshot.exists(name):
            return name
    return None


def _makefile_targets(snapshot: Snapshot) -> dict[str, list[tuple[int, str]]]:
    path = makefile_path(snapshot)
    text = snapshot.read_text(path, MAX_CI_BYTES) if path else None
    targets: dict[str, list[tuple[int, str]]] = {}
    if not text:
        return targets
    current: list[list[tuple[int, str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("\t"):
            body = line.strip().lstrip("@-+").strip()
            if body and not body.startswith("#"):
                for recipe in current:
                    recipe.append((number, body))
            continue
        match = _MAKE_TARGET.match(line)
        if match and not line.startswith((".PHONY", " ")):
            current = []
            for name in match.group(1).split():
                recipe = targets.setdefault(name, [])
                current.append(recipe)
            # A target's prerequisites that are themselves commands ("test: lint unit").
            rest = line[match.end():].split("#", 1)[0].strip()
            if ";" in rest:
                for recipe in current:
                    recipe.append((number, rest.split(";", 1)[1].strip()))
        elif line.strip() and not line.startswith("#"):
            current = []
    return targets


def _only_installs(text: str) -> bool:
    return bool(_INSTALL.search(text)) and not _CHAINED.search(text)


def _only_prints(text: str) -> bool:
    return bool(_PRINT.search(text.strip())) and not _CHAINED.search(text) and "|" not in text


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:160]


#: Prose linters: tools that check documentation for plain, inclusive language.
PROSE_LINT = re.compile(
    r"\bvale\b|\balex\b|write-good|textlint|proselint|\bredpen\b", re.IGNORECASE
)


def cite(command: CiCommand, what: str) -> Evidence:
    """Evidence pointing at a CI command: what it does, in which job, and where it is called."""
    via = f" (called from {command.via})" if command.via else ""
    job = f" in job '{command.job}'" if command.job else ""
    return Evidence(f"{what}{job}: `{_clip(command.text)}`{via}", command.path, command.line)


def _clip(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- CI servers outside the repository ----------------------------------------------------------
#: CI servers whose jobs can be set up outside the repository, and the names they leave in code,
#: scripts, build files and paths: the product in an identifier, its environment variables, its
#: agents' paths, its badges. Systems whose configuration must sit in the repository (GitHub
#: Actions, Travis, CircleCI) are left out: without their file they run nothing, and a leftover
#: variable is only history. The values are the ``CiFile.system`` of the same product, whose file,
#: when it is in the repository, was read already.
_EXTERNAL_SYSTEMS = {
    "TeamCity": None, "Jenkins": "jenkins", "Bamboo": None, "Azure Pipelines": "azure",
    "GitLab CI": "gitlab", "Buildkite": "buildkite", "AppVeyor": "appveyor", "GoCD": None,
}
_EXTERNAL_CI = re.compile(
    r"(?P<TeamCity>(?i:teamcity))"
    r"|(?P<Jenkins>Jenkinsfile|\bJENKINS_[A-Z]\w*|(?:For|On|In|Under|Via)Jenkins\b|"
    r"(?i:[\\/]jenkins[\\/]|\bjenkins[-_. ]?(?:ci|jobs?|pipelines?|server|agents?|slaves?|"
    r"nodes?|builds?|workspace|url|home)\b))"
    r"|(?P<Bamboo>(?i:\bbamboo[-_]?(?:specs|agent))|(?:For|On|In|Under|Via)Bamboo\b|"
    r"\bbamboo[._](?:build|plan|repository|agent|deploy|working|short|inject|resultsUrl)\w*)"
    r"|(?P<Azure>(?i:azure[-_ ]?pipelines?)|\bTF_BUILD\b|\bSYSTEM_TEAMFOUNDATION\w*|##vso\[|"
    r"\bBUILD_(?:BUILDID|BUILDNUMBER|SOURCESDIRECTORY|ARTIFACTSTAGINGDIRECTORY|SOURCEBRANCH\w*|"
    r"REPOSITORY_\w+|DEFINITIONNAME)\b|\$\((?:Build|System|Agent|Pipeline)\.[A-Za-z]\w*\)|"
    r"(?i:(?:dev\.azure\.com|visualstudio\.com)/[^\s)\"']*/_(?:build|apis/build)))"
    r"|(?P<GitLab>\bGITLAB_CI\b|\bCI_MERGE_REQUEST_[A-Z]\w*)"
    r"|(?P<Buildkite>(?i:buildkite))"
    r"|(?P<AppVeyor>(?i:appveyor))"
    r"|(?P<GoCD>\bGO_PIPELINE_[A-Z]\w*|\bGO_SERVER_URL\b)"
    r"|(?P<agent>(?i:(?:^|[\\/\"'\s=])(?:build|vsts|azure|bamboo)[-_]?agents?[\\/]))"
)
_GROUP_SYSTEM = {"Azure": "Azure Pipelines", "GitLab": "GitLab CI"}
#: Every match of ``_EXTERNAL_CI`` contains one of these (in lower case): a text without any is
#: passed over without running the pattern, which is slow on long texts without a match.
_EXTERNAL_KEYS = ("teamcity", "jenkins", "bamboo", "azure", "tf_build", "teamfoundation", "##vso[",
                  "build_", "$(", "visualstudio.com", "gitlab_ci", "ci_merge_request_",
                  "buildkite", "appveyor", "go_pipeline_", "go_server_url", "agent")
_SCRIPT_EXTENSIONS = (".sh", ".bash", ".zsh", ".ps1", ".psm1", ".bat", ".cmd")
_BUILD_FILES = frozenset({
    "Makefile", "makefile", "GNUmakefile", "package.json", "composer.json", "pom.xml",
    "build.gradle", "build.gradle.kts", "build.xml", "Rakefile", "Gruntfile.js", "gulpfile.js",
    "tox.ini", "noxfile.py", "setup.cfg", "pyproject.toml", "Dockerfile",
})
_BUILD_EXTENSIONS = (".csproj", ".vbproj", ".fsproj", ".proj", ".targets", ".props", ".cake")
#: Other people's code, whose CI is theirs. Build output folders (build/, out/) are not in it:
#: .NET and Java projects keep their build scripts and pipelines in build/.
_THIRD_PARTY = frozenset(
    "vendor node_modules third_party third-party bower_components .venv venv site-packages".split()
)
#: Files read for names, and how much of each: scripts and build files, then tests and the
#: source sample other checks read, then the README and contribution guidelines.
MAX_SIGN_FILES = 400
SIGN_BYTES = 16 * 1024
MAX_SIGNS = 3

_CHECKED = r"(?:test(?:s|en|ene|ing)?|CI|builds?|pipelines?|(?:status\s+)?checks?)"
_GREEN = r"(?:green|grøn(?:ne|t)?|groen)"
_PASS = r"(?:pass(?:es|ed|ing)?|succeed(?:s|ed)?)"
_NOT_LOCAL = r"(?![^\n]*\blocal)"
#: A pull request template is the list of what must hold before merging: any item asking for
#: green or passing tests or CI is a rule ("unit tests are green"), unless it is about running
#: them on one's own machine ("pass locally").
_TEMPLATE_RULE = re.compile(
    rf"\b{_CHECKED}\b[^.\n]{{0,40}}?\b(?:{_GREEN}|{_PASS})\b{_NOT_LOCAL}|"
    rf"\b{_GREEN}\s+{_CHECKED}\b{_NOT_LOCAL}",
    re.IGNORECASE,
)
#: Contribution guidelines say many things about tests: only green CI, or tests passing before a
#: merge, is a rule for merging.
_MERGE = r"(?:merg(?:ed|ing)|before\b[^.\n]{0,30}?\bmerge)\b"
_GUIDE_RULE = re.compile(
    rf"\b{_CHECKED}\b[^.\n]{{0,40}}?\b{_GREEN}\b{_NOT_LOCAL}|\b{_GREEN}\s+{_CHECKED}\b|"
    rf"\b{_CHECKED}\b[^.\n]{{0,60}}?\b{_PASS}\b[^.\n]{{0,60}}?\b{_MERGE}{_NOT_LOCAL}|"
    rf"\b{_MERGE}[^.\n]{{0,60}}?\b{_CHECKED}\b[^.\n]{{0,40}}?\b{_PASS}\b{_NOT_LOCAL}",
    re.IGNORECASE,
)


@memoised
def external_ci_signs(snapshot: Snapshot) -> list[Evidence]:
    """Signs that a CI server outside the repository builds it: a CI product's name in a script,
    build file, test, source file, CI file, document or path (``MAX_SIGNS`` at most, one per
    file), and a pull request template or contribution guideline asking for green tests before
    merging. Names of a product whose configuration file in the repository was read are left
    out: what that file runs is known."""
    known = set(ci_config(snapshot).systems)
    signs: list[Evidence] = []
    for path, text in _sign_texts(snapshot):
        match = _external_match(text, known)
        if match is None:
            continue
        system = _system_named(match)
        line, shown = _line_at(text, match.start())
        if system is None:
            signs.append(Evidence(f"path of a CI build agent: `{shown}`", path, line))
        else:
            signs.append(Evidence(f"sign of an external CI server ({system}): `{shown}`",
                                  path, line))
        if len(signs) >= MAX_SIGNS:
            break
    if len(signs) < MAX_SIGNS:
        for path in snapshot.paths:
            match = None if _third_party(path) else _external_match(path, known)
            if match is not None and _system_named(match) is not None:
                signs.append(Evidence(f"sign of an external CI server ({_system_named(match)}) "
                                      "in a file name", path))
                break
    rule = _merge_rule(snapshot)
    if rule is not None:
        signs.append(rule)
    return signs


def _external_match(text: str, known: set[str]) -> re.Match[str] | None:
    lowered = text.lower()
    if not any(key in lowered for key in _EXTERNAL_KEYS):
        return None
    for match in _EXTERNAL_CI.finditer(text):
        system = _system_named(match)
        if system is None or _EXTERNAL_SYSTEMS[system] not in known:
            return match
    return None


def _third_party(path: str) -> bool:
    return any(part in _THIRD_PARTY for part in path.split("/")[:-1])


def _system_named(match: re.Match[str]) -> str | None:
    """The product a match names; None for a build agent's path, which names none."""
    group = match.lastgroup or "agent"
    return None if group == "agent" else _GROUP_SYSTEM.get(group, group)


def _sign_texts(snapshot: Snapshot) -> Iterator[tuple[str, str]]:
    """The texts searched for names of CI servers, at most ``MAX_SIGN_FILES``, each once."""
    files = inventory(snapshot)
    scripts = [p for p in snapshot.paths
               if p.lower().endswith(_SCRIPT_EXTENSIONS) or posixpath.basename(p) in _BUILD_FILES
               or p.lower().endswith(_BUILD_EXTENSIONS)]
    ci_files = [f.path for f in ci_config(snapshot).files]
    seen: set[str] = set()
    for path in [*ci_files, *scripts, *files.test_files]:
        if len(seen) >= MAX_SIGN_FILES:
            return
        if path in seen or _third_party(path):
            continue
        seen.add(path)
        text = snapshot.head_text(path, SIGN_BYTES)
        if text:
            yield path, text
    for path, text in source_sample(snapshot):
        if path not in seen:
            seen.add(path)
            yield path, text
    docs = documents(snapshot)
    guide = guidelines(snapshot)
    for doc in [*([docs.readme] if docs.readme else []), *guide.files(), *guide.templates]:
        if doc.path not in seen:
            seen.add(doc.path)
            yield doc.path, doc.text[:SIGN_BYTES]


def _line_at(text: str, start: int) -> tuple[int, str]:
    """The line number of ``start`` and its line, cut around it when it is long."""
    begin = text.rfind("\n", 0, start) + 1
    end = text.find("\n", start)
    line = text[begin:end if end >= 0 else len(text)]
    column = start - begin
    if len(line) > 100 and column > 60:
        line = "…" + line[column - 50:]
    return text.count("\n", 0, start) + 1, _clip(line)


#: List marks, check boxes and emphasis around a template's item.
_MARKUP = re.compile(r"^\s*(?:[-*+]\s+)?(?:\[[ xX]?\]\s*)?|\*\*|(?<!\w)[_*]|[_*](?!\w)")


def _merge_rule(snapshot: Snapshot) -> Evidence | None:
    """A pull request template or contribution guideline that asks for green or passing tests
    or CI before merging."""
    guide = guidelines(snapshot)
    for passage in [passage_of(doc) for doc in guide.templates]:
        match = _TEMPLATE_RULE.search(passage.text)
        if match:
            line, shown = _line_at(passage.text, match.start())
            return Evidence(f"the pull request template requires passing tests before merging: "
                            f"“{_MARKUP.sub('', shown).strip()}”", passage.path,
                            passage.line + line - 1)
    for passage in guide.passages(templates=False):
        match = _GUIDE_RULE.search(passage.text)
        if match:
            line, shown = _line_at(passage.text, match.start())
            return Evidence(f"the contribution guidelines require passing tests before merging: "
                            f"“{_MARKUP.sub('', shown).strip()}”", passage.path,
                            passage.line + line - 1)
    return None
