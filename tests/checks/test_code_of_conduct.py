"""Code of conduct: WC-8, with the contact for reports."""

from __future__ import annotations

from publiccode_checker.snapshots import MemorySnapshot
from tests.checks.helpers import run

COVENANT = """# Contributor Covenant Code of Conduct

## Our Pledge

We as members, contributors, and leaders pledge to make participation in our
community a harassment-free experience for everyone.

## Enforcement

Instances of abusive, harassing, or otherwise unacceptable behavior may be
reported to the community leaders responsible for enforcement at
{contact}.

## Attribution

This Code of Conduct is adapted from the [Contributor Covenant][homepage],
version 2.1, available at
[https://www.contributor-covenant.org/version/2/1/code_of_conduct.html][v2.1].

[homepage]: https://www.contributor-covenant.org
[v2.1]: https://www.contributor-covenant.org/version/2/1/code_of_conduct.html
"""


def finding(files: dict[str, str | bytes]):
    return run("code-of-conduct", MemorySnapshot(files))["WC-8"]


def test_covenant_with_email_passes_and_names_the_code():
    result = finding({"CODE_OF_CONDUCT.md": COVENANT.format(contact="conduct@example-city.nl")})
    assert result.outcome.value == "pass"
    assert "Contributor Covenant 2.1" in result.message
    contact = result.evidence[1]
    assert "conduct@example-city.nl" in contact.message
    assert (contact.path, contact.line) == ("CODE_OF_CONDUCT.md", 12)


def test_template_placeholder_warns():
    result = finding({".github/CODE_OF_CONDUCT.md": COVENANT.format(
        contact="[INSERT CONTACT METHOD]")})
    assert result.outcome.value == "warn"
    assert "placeholder" in result.message
    assert result.evidence[1].line == 12


def test_no_contact_warns():
    result = finding({"CODE_OF_CONDUCT.md": COVENANT.format(contact="the maintainers")})
    assert result.outcome.value == "warn"
    assert "no contact" in result.message


def test_report_form_counts_as_contact():
    text = "# Gedragscode\n\nMeld overtredingen via [dit formulier](https://forms.gle/abc123).\n"
    result = finding({"CODE_OF_CONDUCT.md": text})
    assert result.outcome.value == "pass"
    assert "forms.gle" in result.evidence[1].message


def test_noreply_address_is_not_a_contact():
    result = finding({"CODE_OF_CONDUCT.md": COVENANT.format(
        contact="123+bot@users.noreply.github.com")})
    assert result.outcome.value == "warn"


def test_readme_section_in_german():
    readme = ("# P\n\n## Verhaltenskodex\n\nWir folgen dem Contributor Covenant. Meldungen an "
              "[verhalten@example-stadt.de](mailto:verhalten@example-stadt.de).\n")
    result = finding({"README.md": readme})
    assert result.outcome.value == "pass"
    assert result.evidence[0].line == 3
    assert "Contributor Covenant" in result.message


def test_link_to_an_external_code():
    readme = ("# P\n\nWe follow the [Citizen Code of Conduct]"
              "(https://github.com/stumpsyn/policies/blob/master/citizen_code_of_conduct.md).\n")
    result = finding({"README.md": readme})
    assert result.outcome.value == "warn"
    assert "Citizen Code of Conduct" in result.message


def test_absent_code_fails_with_where_it_looked():
    result = finding({"README.md": "# P\n\nNothing here.\n"})
    assert result.outcome.value == "fail"
    assert "CODE_OF_CONDUCT" in result.evidence[0].message


def test_empty_or_binary_file_is_not_a_code():
    assert finding({"CODE_OF_CONDUCT.md": ""}).outcome.value == "fail"
    assert finding({"CODE_OF_CONDUCT.md": b"\x00\x01\x02"}).outcome.value == "fail"


def test_relative_link_to_a_private_form_is_a_contact():
    from publiccode_checker.snapshots import MemorySnapshot
    from tests.checks.helpers import run

    conduct = ("# Contributor Covenant Code of Conduct\n\n## Enforcement\n\nReport unacceptable "
               "behaviour privately with the [private reporting form]"
               "(../../security/advisories/new).\n")
    finding = run("code-of-conduct", MemorySnapshot({"CODE_OF_CONDUCT.md": conduct}))["WC-8"]
    assert finding.outcome.value == "pass", finding.message
