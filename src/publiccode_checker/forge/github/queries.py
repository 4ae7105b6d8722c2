"""The GraphQL documents the client sends. Operation names are stable: tests recognise them."""

from __future__ import annotations

#: Everything about a repository and one commit that the REST tree and archive do not give.
#: Connection sizes stay small (cost about 1 point) and within GitHub's 1-100 ``first`` rule.
REPOSITORY_SNAPSHOT = """
query RepositorySnapshot($owner: String!, $name: String!, $expression: String!,
                         $rootExpression: String!, $githubExpression: String!) {
  rateLimit { cost remaining resetAt }
  repository(owner: $owner, name: $name) {
    nameWithOwner
    url
    visibility
    isArchived
    isDisabled
    isFork
    description
    homepageUrl
    diskUsage
    hasIssuesEnabled
    hasDiscussionsEnabled
    owner { login }
    repositoryTopics(first: 20) { nodes { topic { name } } }
    defaultBranchRef {
      name
      branchProtectionRule {
        requiresApprovingReviews
        requiredApprovingReviewCount
        isAdminEnforced
        requiredStatusCheckContexts
      }
    }
    licenseInfo { spdxId key }
    interactionAbility { limit }
    releases(first: 10, orderBy: {field: CREATED_AT, direction: DESC}) {
      nodes { tagName name publishedAt isPrerelease description }
    }
    refs(refPrefix: "refs/tags/", first: 20,
         orderBy: {field: TAG_COMMIT_DATE, direction: DESC}) {
      nodes {
        name
        target {
          oid
          ... on Commit { committedDate }
          ... on Tag { tagger { date } target { oid } }
        }
      }
    }
    openPullRequests: pullRequests(states: OPEN) { totalCount }
    mergedPullRequests: pullRequests(states: MERGED, first: 30,
                                     orderBy: {field: UPDATED_AT, direction: DESC}) {
      nodes { ...PullRequestFacts }
    }
    closedPullRequests: pullRequests(states: CLOSED, first: 20,
                                     orderBy: {field: UPDATED_AT, direction: DESC}) {
      nodes { ...PullRequestFacts }
    }
    milestones(states: OPEN, first: 50) { nodes { dueOn } }
    commit: object(expression: $expression) {
      ... on Commit {
        oid
        committedDate
        history(first: 100) {
          pageInfo { hasNextPage }
          nodes {
            oid
            messageHeadline
            messageBody
            authoredDate
            committedDate
            parents { totalCount }
            author { name email }
            signature { isValid }
          }
        }
      }
    }
    rootTree: object(expression: $rootExpression) { ...TreeEntries }
    githubTree: object(expression: $githubExpression) { ...TreeEntries }
  }
}

fragment TreeEntries on Tree {
  entries { path type mode oid object { ... on Blob { byteSize } } }
}

fragment PullRequestFacts on PullRequest {
  number
  createdAt
  mergedAt
  closedAt
  author { login __typename }
  reviews(first: 30, states: APPROVED) { nodes { author { login } submittedAt } }
  comments(first: 30) { totalCount nodes { author { login } createdAt } }
  commits(last: 1) { nodes { commit { statusCheckRollup { state } } } }
}
"""

FILES_OPERATION = "SnapshotFiles"


def files_query(count: int) -> str:
    """A query reading ``count`` blobs by ``"<commit>:<path>"`` expressions ``$e0 ... $eN``."""
    params = "".join(f", $e{i}: String!" for i in range(count))
    fields = "\n".join(
        f"    f{i}: object(expression: $e{i}) {{ ...BlobText }}" for i in range(count)
    )
    return (
        f"query {FILES_OPERATION}($owner: String!, $name: String!{params}) {{\n"
        f"  repository(owner: $owner, name: $name) {{\n{fields}\n  }}\n}}\n\n"
        "fragment BlobText on Blob { oid byteSize isBinary isTruncated text }\n"
    )
