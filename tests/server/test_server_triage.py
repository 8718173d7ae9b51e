#!/usr/bin/env python3
"""The x-warroom triage extension of warroom-server: claims and decisions on findings.

Starts the real server binary (WARROOM_SERVER) on 127.0.0.1 with a SQLite file, or with
WARROOM_TEST_DATABASE=postgresql on a throwaway PostgreSQL (pgfixture.py). Requests are
signed with botocore's SigV4 like every security-ir call.
"""
import json
import os
import sys
import threading
import time
import unittest

os.environ.setdefault("AWS_CONFIG_FILE", "/nonexistent/warroom-test/aws-config")
os.environ.setdefault("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/warroom-test/aws-credentials")
os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serverfixture import ServerProcess  # noqa: E402

SERVER = None
GUARDDUTY_ID = "a2c5e1f0b3d94e6f8a7b6c5d4e3f2a1b"
ASFF_ID = ("arn:aws:securityhub:us-east-1:123456789012:subscription/aws-foundational-security-"
           "best-practices/v/1.0.0/EC2.19/finding/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b")


def setUpModule():
    global SERVER
    SERVER = ServerProcess()


def tearDownModule():
    code = SERVER.stop()
    SERVER.close()
    if code != 0:
        raise AssertionError("server exited with %s" % code)


def path_of(finding_id, action):
    from urllib.parse import quote
    return "/v1/x-warroom/triage/findings/%s/%s" % (quote(finding_id, safe=""), action)


def call(method, path, body=None, role="full", query="", raw=None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else b"")
    return SERVER.send(SERVER.signed(method, path, body=data, role=role, query=query))


def claim(finding_id, console, analyst, **extra):
    return call("POST", path_of(finding_id, "claim"),
                dict(console=console, analyst=analyst, **extra))


def state(after=0, role="full"):
    response = call("GET", "/v1/x-warroom/triage/state", role=role, query="after=%d" % after)
    assert response.status_code == 200, response.text
    return response.json()


class Claims(unittest.TestCase):
    def test_first_claim_holds_and_a_second_is_refused(self):
        first = claim(GUARDDUTY_ID, "console-a", "alice")
        self.assertEqual(first.status_code, 200, first.text)
        item = first.json()
        self.assertEqual(item["findingId"], GUARDDUTY_ID)
        self.assertEqual(item["claim"]["analyst"], "alice")
        self.assertEqual(item["claim"]["console"], "console-a")
        self.assertEqual(item["claim"]["principal"], "arn:aws:iam::123456789012:user/full")
        self.assertGreater(item["claim"]["expiresAt"], item["claim"]["claimedAt"])

        second = claim(GUARDDUTY_ID, "console-b", "bob")
        self.assertEqual(second.status_code, 409, second.text)
        self.assertEqual(second.headers["X-Amzn-ErrorType"], "ConflictException")
        self.assertIn("being worked by alice", second.json()["message"])
        self.assertEqual(second.json()["resourceId"], GUARDDUTY_ID)

        # The holder may renew; the other console may take it over only with force.
        self.assertEqual(claim(GUARDDUTY_ID, "console-a", "alice").status_code, 200)
        taken = claim(GUARDDUTY_ID, "console-b", "bob", force=True)
        self.assertEqual(taken.status_code, 200, taken.text)
        self.assertEqual(taken.json()["claim"]["analyst"], "bob")

        # Release by the holder frees it; releasing again changes nothing.
        refused = call("POST", path_of(GUARDDUTY_ID, "release"),
                       dict(console="console-a", analyst="alice"))
        self.assertEqual(refused.status_code, 409)
        released = call("POST", path_of(GUARDDUTY_ID, "release"),
                        dict(console="console-b", analyst="bob"))
        self.assertEqual(released.status_code, 200, released.text)
        self.assertNotIn("claim", released.json())
        again = call("POST", path_of(GUARDDUTY_ID, "release"),
                     dict(console="console-b", analyst="bob"))
        self.assertEqual(again.json()["sequence"], released.json()["sequence"])

    def test_racing_claims_resolve_to_one_holder(self):
        finding = "f" * 32
        results = {}

        def race(console):
            results[console] = claim(finding, console, "analyst-" + console)

        threads = [threading.Thread(target=race, args=("race-%d" % i,)) for i in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        winners = [c for c, r in results.items() if r.status_code == 200]
        losers = [c for c, r in results.items() if r.status_code == 409]
        self.assertEqual(len(winners), 1, {c: r.status_code for c, r in results.items()})
        self.assertEqual(len(losers), 5)
        items = [i for i in state()["items"] if i["findingId"] == finding]
        self.assertEqual(items[0]["claim"]["console"], winners[0])
        for loser in losers:
            self.assertIn("analyst-" + winners[0], results[loser].json()["message"])


class Decisions(unittest.TestCase):
    def test_decision_is_stored_releases_and_feeds(self):
        feed = call("GET", "/v1/x-warroom/changes").json()["latest"]
        self.assertEqual(claim(ASFF_ID, "console-a", "alice").status_code, 200)
        refused = call("PUT", path_of(ASFF_ID, "decision"),
                       dict(console="console-b", analyst="bob", verdict="Suppressed"))
        self.assertEqual(refused.status_code, 409)
        decided = call("PUT", path_of(ASFF_ID, "decision"),
                       dict(console="console-a", analyst="alice", verdict="Escalated",
                            reason="analyst", caseId="1234567890", assignee="alice"))
        self.assertEqual(decided.status_code, 200, decided.text)
        item = decided.json()
        self.assertEqual(item["decision"]["verdict"], "Escalated")
        self.assertEqual(item["decision"]["caseId"], "1234567890")
        self.assertEqual(item["decision"]["analyst"], "alice")
        self.assertNotIn("claim", item)  # the decision ends the claim

        listed = [i for i in state(after=item["sequence"] - 1)["items"]
                  if i["findingId"] == ASFF_ID]
        self.assertEqual(listed, [item])
        self.assertGreaterEqual(state()["latest"], item["sequence"])
        changes = call("GET", "/v1/x-warroom/changes", query="after=%d" % feed).json()["changes"]
        triage = [c for c in changes if c["resourceType"] == "triage"]
        self.assertEqual({c["resourceId"] for c in triage}, {ASFF_ID})
        self.assertEqual(triage[-1]["operation"], "PutTriageDecision")

    def test_state_pages_by_sequence(self):
        base = state()["latest"]
        for i in range(5):
            self.assertEqual(claim("%032x" % (0xabc0 + i), "console-p", "pat").status_code, 200)
        page = call("GET", "/v1/x-warroom/triage/state",
                    query="after=%d&maxResults=2" % base).json()
        self.assertEqual(len(page["items"]), 2)
        rest = state(after=page["items"][-1]["sequence"])["items"]
        self.assertEqual(len(rest), 3)
        self.assertEqual(sorted(i["sequence"] for i in page["items"] + rest),
                         list(range(base + 1, base + 6)))


class Validation(unittest.TestCase):
    def error(self, response, status, error_type):
        self.assertEqual(response.status_code, status, response.text)
        self.assertEqual(response.headers["X-Amzn-ErrorType"], error_type)
        return response.json()

    def test_bad_json(self):
        body = self.error(call("POST", path_of(GUARDDUTY_ID, "claim"), raw=b'{"console": "a",'),
                          400, "ValidationException")
        self.assertEqual(body["reason"], "CANNOT_PARSE")
        body = self.error(call("POST", path_of(GUARDDUTY_ID, "claim"), raw=b"[1, 2]"),
                          400, "ValidationException")
        self.assertEqual(body["reason"], "CANNOT_PARSE")

    def test_unknown_finding_id_format(self):
        for bad in ("-starts-with-dash", "has space", "x" * 513, "tab\there", "semi;colon"):
            body = self.error(claim(bad, "console-a", "alice"), 400, "ValidationException")
            self.assertEqual(body["fieldList"][0]["name"], "findingId", bad)

    def test_bad_members(self):
        body = self.error(call("PUT", path_of(GUARDDUTY_ID, "decision"),
                               dict(console="console-a", analyst="alice", verdict="Maybe",
                                    caseId="12")), 400, "ValidationException")
        self.assertEqual({f["name"] for f in body["fieldList"]}, {"verdict", "caseId"})
        body = self.error(claim(GUARDDUTY_ID, "", "alice", ttlSeconds=5), 400,
                          "ValidationException")
        self.assertEqual({f["name"] for f in body["fieldList"]}, {"console", "ttlSeconds"})
        self.error(call("GET", "/v1/x-warroom/triage/state", query="after=x"),
                   400, "ValidationException")
        body = self.error(call("DELETE", path_of(GUARDDUTY_ID, "claim")), 400,
                          "ValidationException")
        self.assertEqual(body["reason"], "UNKNOWN_OPERATION")

    def test_oversized_body(self):
        body = json.dumps(dict(console="console-a", analyst="a" * 20000)).encode()
        answer = self.error(call("POST", path_of(GUARDDUTY_ID, "claim"), raw=body), 413,
                            "ValidationException")
        self.assertIn("at most 16384 bytes", answer["message"])

    def test_bad_signature_and_roles(self):
        request = SERVER.signed("POST", path_of(GUARDDUTY_ID, "claim"),
                                body=json.dumps(dict(console="c", analyst="a")).encode())
        request.headers["Authorization"] = request.headers["Authorization"][:-4] + "0000"
        self.error(SERVER.send(request), 403, "InvalidSignatureException")
        unsigned = SERVER.send(SERVER.signed("GET", "/v1/x-warroom/triage/state"),
                               drop=("authorization",))
        self.assertEqual(unsigned.status_code, 403)
        # A body changed after signing fails the payload hash.
        tampered = SERVER.signed("POST", path_of(GUARDDUTY_ID, "claim"),
                                 body=json.dumps(dict(console="c", analyst="a")).encode())
        self.assertEqual(SERVER.send(tampered, body=json.dumps(
            dict(console="c", analyst="mallory", force=True)).encode()).status_code, 403)
        # Read-only keys see the state and may not claim.
        self.assertEqual(call("GET", "/v1/x-warroom/triage/state", role="read-only").status_code,
                         200)
        self.error(call("POST", path_of("b" * 32, "claim"), dict(console="c", analyst="a"),
                        role="read-only"), 403, "AccessDeniedException")


if __name__ == "__main__":
    unittest.main(verbosity=2)
