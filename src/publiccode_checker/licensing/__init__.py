"""Licence detection compatible with GitHub's licence detector.

``find_licence_files`` ranks licence file names, ``identify`` names the licence in one text,
``detect_project_licence`` decides a repository's licence, and ``licensing.spdx`` holds SPDX
metadata and expression helpers.
"""

from publiccode_checker.licensing.files import LicenceFileCandidate, find_licence_files
from publiccode_checker.licensing.identify import LicenceMatch, identify
from publiccode_checker.licensing.project import (
    ProjectFile,
    ProjectLicence,
    decode_text,
    detect_directory_licence,
    detect_project_licence,
)

__all__ = [
    "LicenceFileCandidate",
    "LicenceMatch",
    "ProjectFile",
    "ProjectLicence",
    "decode_text",
    "detect_directory_licence",
    "detect_project_licence",
    "find_licence_files",
    "identify",
]
