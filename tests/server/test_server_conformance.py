#!/usr/bin/env python3
"""Conformance of warroom-server with the security-ir API, driven by boto3 and the AWS CLI.

Starts the real server binary (WARROOM_SERVER) on 127.0.0.1, port 0. AWS_DATA_PATH points
at tests/data/botocore so that any boto3 knows the service.
"""
import datetime
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import unittest
import uuid
from unittest import mock

import botocore.auth
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

# Never the developer's own AWS configuration or credentials (a missing file reads as
# empty; botocore cannot parse /dev/null as a config file).
os.environ.setdefault("AWS_CONFIG_FILE", "/nonexistent/warroom-test/aws-config")
os.environ.setdefault("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/warroom-test/aws-credentials")
os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
for name in ("AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
    os.environ.pop(name, None)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serverfixture import ACCOUNT, REGION, ServerProcess, wait_until  # noqa: E402

SERVER = None


def setUpModule():
    global SERVER
    SERVER = ServerProcess()


def tearDownModule():
    code = SERVER.stop()
    SERVER.close()
    if code != 0:
        raise AssertionError("server exited with %s" % code)


def case_input(title=None, **extra):
    data = dict(
        resolverType="Self", title=title or "Case " + uuid.uuid4().hex[:8],
        description="Suspicious API calls from an unknown IP address.",
        engagementType="Security Incident",
        reportedIncidentStartDate=datetime.datetime.now(datetime.timezone.utc)
        - datetime.timedelta(hours=2),
        impactedAccounts=["111122223333"], watchers=[{"email": "ir-lead@example.com"}])
    data.update(extra)
    return data


def team():
    return [{"name": "Alice Example", "jobTitle": "IR lead", "email": "alice@example.com"},
            {"name": "Bob Example", "jobTitle": "Analyst", "email": "bob@example.com"}]


def error_of(test, call, code, status):
    with test.assertRaises(ClientError) as raised:
        call()
    response = raised.exception.response
    test.assertEqual(response["Error"]["Code"], code, response)
    test.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], status, response)
    return response


def titles(client):
    found = set()
    for page in client.get_paginator("list_cases").paginate(PaginationConfig={"PageSize": 25}):
        found.update(item.get("title") for item in page["items"])
    return found


class Operations(unittest.TestCase):
    """Every operation of the model, happy path, through boto3."""

    @classmethod
    def setUpClass(cls):
        cls.c = SERVER.client("full")

    def test_membership_lifecycle(self):
        c = self.c
        created = c.create_membership(membershipName="Warroom test", incidentResponseTeam=team(),
                                      optInFeatures=[{"featureName": "Triage", "isEnabled": True}],
                                      tags={"env": "test"})
        self.assertEqual(created["ResponseMetadata"]["HTTPStatusCode"], 201)
        mid = created["membershipId"]
        self.assertRegex(mid, r"^m-[a-z0-9]{10,32}$")
        got = c.get_membership(membershipId=mid)
        self.assertEqual(got["membershipId"], mid)
        self.assertEqual(got["accountId"], ACCOUNT)
        self.assertEqual(got["region"], REGION)
        self.assertEqual(len(got["incidentResponseTeam"]), 2)
        c.update_membership(membershipId=mid, membershipName="Warroom renamed")
        self.assertEqual(c.get_membership(membershipId=mid)["membershipName"], "Warroom renamed")
        ids = [m["membershipId"] for page in c.get_paginator("list_memberships").paginate()
               for m in page["items"]]
        self.assertIn(mid, ids)
        details = c.batch_get_member_account_details(membershipId=mid, accountIds=[ACCOUNT])
        self.assertEqual(len(details["items"]) + len(details["errors"]), 1)
        arn = got["membershipArn"]
        self.assertEqual(c.list_tags_for_resource(resourceArn=arn)["tags"], {"env": "test"})
        cancelled = c.cancel_membership(membershipId=mid)
        self.assertEqual(cancelled["membershipId"], mid)

    def test_case_lifecycle(self):
        c = self.c
        created = c.create_case(**case_input(threatActorIpAddresses=[
            {"ipAddress": "198.51.100.7", "userAgent": "curl/8"}]))
        self.assertEqual(created["ResponseMetadata"]["HTTPStatusCode"], 201)
        cid = created["caseId"]
        self.assertRegex(cid, r"^\d{10}$")
        case = c.get_case(caseId=cid)
        self.assertEqual(case["caseStatus"], "Submitted")
        self.assertIsInstance(case["createdDate"], datetime.datetime)
        c.update_case(caseId=cid, title="Renamed case", watchersToAdd=[{"email": "x@example.com"}])
        self.assertEqual(c.get_case(caseId=cid)["title"], "Renamed case")
        status = c.update_case_status(caseId=cid, caseStatus="Detection and Analysis")
        self.assertEqual(status["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertEqual(status["caseStatus"], "Detection and Analysis")
        resolver = c.update_resolver_type(caseId=cid, resolverType="AWS")
        self.assertEqual(resolver["caseId"], cid)
        self.assertEqual(resolver["resolverType"], "AWS")
        closed = c.close_case(caseId=cid)
        self.assertEqual(closed["caseStatus"], "Closed")
        self.assertIsInstance(closed["closedDate"], datetime.datetime)
        edits = c.list_case_edits(caseId=cid)
        self.assertGreaterEqual(edits["total"], 1)
        self.assertTrue(all("action" in e for e in edits["items"]))

    def test_comments(self):
        c = self.c
        cid = c.create_case(**case_input())["caseId"]
        made = c.create_case_comment(caseId=cid, body="First look: the key was leaked.")
        self.assertEqual(made["ResponseMetadata"]["HTTPStatusCode"], 201)
        updated = c.update_case_comment(caseId=cid, commentId=made["commentId"], body="Edited.")
        self.assertEqual(updated["commentId"], made["commentId"])
        self.assertEqual(updated["body"], "Edited.")
        listed = c.list_comments(caseId=cid)
        self.assertEqual(listed["total"], 1)
        self.assertEqual(listed["items"][0]["body"], "Edited.")

    def test_tags_with_encoded_arn(self):
        c = self.c
        cid = c.create_case(**case_input())["caseId"]
        arn = "arn:aws:security-ir:%s:%s:case/%s" % (REGION, ACCOUNT, cid)
        tagged = c.tag_resource(resourceArn=arn, tags={"team": "blue", "sev": "high", "a b": "c"})
        self.assertEqual(tagged["ResponseMetadata"]["HTTPStatusCode"], 204)
        self.assertEqual(c.list_tags_for_resource(resourceArn=arn)["tags"],
                         {"team": "blue", "sev": "high", "a b": "c"})
        c.untag_resource(resourceArn=arn, tagKeys=["team", "a b"])
        self.assertEqual(c.list_tags_for_resource(resourceArn=arn)["tags"], {"sev": "high"})

    def test_attachment_upload_and_download(self):
        c = self.c
        cid = c.create_case(**case_input())["caseId"]
        payload = os.urandom(300 * 1024)
        up = c.get_case_attachment_upload_url(caseId=cid, fileName="evidence.bin",
                                              contentLength=len(payload))
        self.assertEqual(up["ResponseMetadata"]["HTTPStatusCode"], 201)
        url = up["attachmentPresignedUrl"]
        self.assertTrue(url.startswith(SERVER.base + "/"), url)
        put = requests.put(url, data=payload, timeout=30)
        self.assertEqual(put.status_code, 200, put.text)
        attachments = c.get_case(caseId=cid)["caseAttachments"]
        self.assertEqual(len(attachments), 1)
        self.assertEqual(attachments[0]["fileName"], "evidence.bin")
        self.assertEqual(attachments[0]["attachmentStatus"], "Verified")
        down = c.get_case_attachment_download_url(caseId=cid,
                                                  attachmentId=attachments[0]["attachmentId"])
        self.assertEqual(down["ResponseMetadata"]["HTTPStatusCode"], 201)
        got = requests.get(down["attachmentPresignedUrl"], timeout=30)
        self.assertEqual(got.status_code, 200)
        self.assertEqual(got.content, payload)
        # A tampered token is refused and changes nothing.
        bad = requests.get(down["attachmentPresignedUrl"][:-2] + "xx", timeout=30)
        self.assertGreaterEqual(bad.status_code, 400)

    def test_investigations_and_feedback(self):
        c = self.c
        cid = c.create_case(**case_input())["caseId"]
        for n in range(3):
            out = SERVER.admin("investigations", "add", "--case", cid, "--title", "Step %d" % n,
                               "--content", "Looked at **CloudTrail** (%d)." % n)
            self.assertEqual(out.returncode, 0, out.stderr)
        pages = list(c.get_paginator("list_investigations").paginate(
            caseId=cid, PaginationConfig={"PageSize": 2}))
        actions = [a for p in pages for a in p["investigationActions"]]
        self.assertEqual(len(actions), 3)
        self.assertEqual(len(pages[0]["investigationActions"]), 2)
        first = actions[0]
        c.send_feedback(caseId=cid, resultId=first["investigationId"], usefulness="USEFUL",
                        comment="Spot on.")
        again = c.list_investigations(caseId=cid, maxResults=25)["investigationActions"]
        rated = [a for a in again if a["investigationId"] == first["investigationId"]][0]
        self.assertEqual(rated["feedback"]["usefulness"], "USEFUL")


class Behaviour(unittest.TestCase):
    """Validation, errors, pagination, idempotency, the status graph and roles."""

    @classmethod
    def setUpClass(cls):
        cls.c = SERVER.client("full")
        cls.raw = SERVER.client("full", parameter_validation=False)

    def test_validation_error_shape(self):
        response = error_of(self, lambda: self.raw.list_cases(maxResults=26),
                            "ValidationException", 400)
        self.assertEqual(response["reason"], "FIELD_VALIDATION_FAILED")
        self.assertEqual([f["name"] for f in response["fieldList"]], ["maxResults"])
        self.assertTrue(response["fieldList"][0]["message"])
        self.assertEqual(response["ResponseMetadata"]["HTTPHeaders"]["x-amzn-errortype"],
                         "ValidationException")
        response = error_of(self, lambda: self.raw.create_case(**case_input(title="x" * 301)),
                            "ValidationException", 400)
        self.assertIn("title", [f["name"] for f in response["fieldList"]])

    def test_query_integer_is_typed(self):
        cid = self.c.create_case(**case_input())["caseId"]
        response = SERVER.send(SERVER.signed(
            "GET", "/v1/cases/%s/list-investigations" % cid, query="maxResults=abc"))
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.headers["X-Amzn-ErrorType"], "ValidationException")
        self.assertEqual(response.json()["fieldList"][0]["name"], "maxResults")
        error_of(self, lambda: self.raw.list_investigations(caseId=cid, maxResults=0),
                 "ValidationException", 400)

    def test_malformed_json(self):
        response = SERVER.send(SERVER.signed("POST", "/v1/create-case", body=b'{"title": '))
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.headers["Content-Type"], "application/json")
        body = response.json()
        self.assertEqual(body["__type"], "ValidationException")
        self.assertEqual(body["reason"], "CANNOT_PARSE")
        response = SERVER.send(SERVER.signed("POST", "/v1/list-cases", body=b"[1, 2]"))
        self.assertEqual(response.json()["reason"], "CANNOT_PARSE")

    def test_unknown_route(self):
        for method, path in (("GET", "/v1/nothing-here"), ("PATCH", "/v1/create-case"),
                             ("GET", "/"), ("DELETE", "/v1/cases/1234567890/get-case")):
            response = SERVER.send(SERVER.signed(method, path))
            self.assertEqual(response.status_code, 400, (method, path))
            self.assertEqual(response.json()["reason"], "UNKNOWN_OPERATION")
            self.assertEqual(response.headers["X-Amzn-ErrorType"], "ValidationException")

    def test_not_found(self):
        error_of(self, lambda: self.c.get_case(caseId="9999999999"),
                 "ResourceNotFoundException", 404)

    def test_pagination(self):
        for n in range(7):
            self.c.create_case(**case_input(title="Paged %d" % n))
        pages = list(self.c.get_paginator("list_cases").paginate(PaginationConfig={"PageSize": 3}))
        self.assertGreaterEqual(len(pages), 3)
        ids = [item["caseId"] for page in pages for item in page["items"]]
        self.assertEqual(len(ids), len(set(ids)))
        self.assertEqual(len(ids), pages[0]["total"])
        self.assertTrue(all(len(page["items"]) <= 3 for page in pages))
        self.assertNotIn("nextToken", pages[-1])

        cid = self.c.create_case(**case_input())["caseId"]
        for n in range(5):
            self.c.create_case_comment(caseId=cid, body="comment %d" % n)
        pages = list(self.c.get_paginator("list_comments").paginate(
            caseId=cid, PaginationConfig={"PageSize": 2}))
        self.assertEqual([len(p["items"]) for p in pages], [2, 2, 1])

    def test_bad_next_token(self):
        with self.assertRaises(ClientError) as raised:
            self.c.list_cases(nextToken="not-a-token")
        self.assertIn(raised.exception.response["ResponseMetadata"]["HTTPStatusCode"], (400, 423))

    def test_idempotency_client_token(self):
        token = str(uuid.uuid4())
        # One request sent twice (case_input's start date is "now", which would differ).
        request = case_input(title="Idempotent")
        first = self.c.create_case(clientToken=token, **request)
        second = self.c.create_case(clientToken=token, **request)
        self.assertEqual(first["caseId"], second["caseId"])
        self.assertEqual(list(titles(self.c)).count("Idempotent"), 1)
        cid = first["caseId"]
        comment_token = str(uuid.uuid4())
        a = self.c.create_case_comment(caseId=cid, body="once", clientToken=comment_token)
        b = self.c.create_case_comment(caseId=cid, body="once", clientToken=comment_token)
        self.assertEqual(a["commentId"], b["commentId"])
        self.assertEqual(self.c.list_comments(caseId=cid)["total"], 1)

    def test_if_unmodified_since_extension(self):
        """X-Warroom-If-Unmodified-Since (optional): a stale time refuses the write with 409."""
        cid = self.c.create_case(**case_input(title="Conditional"))["caseId"]
        seen = self.c.get_case(caseId=cid)["lastUpdatedDate"]
        self.c.update_case(caseId=cid, description="Changed by someone else in between.")
        header = {}

        def add_header(request, **_):
            for name, value in header.items():
                request.headers[name] = value

        self.c.meta.events.register("before-sign.security-ir.UpdateCase", add_header)
        try:
            header["X-Warroom-If-Unmodified-Since"] = "%.3f" % seen.timestamp()
            response = error_of(self, lambda: self.c.update_case(caseId=cid, title="Stale"),
                                "ConflictException", 409)
            self.assertTrue(response["Error"]["Message"].startswith(
                "X-Warroom-If-Unmodified-Since: "), response)
            self.assertEqual(self.c.get_case(caseId=cid)["title"], "Conditional")
            current = self.c.get_case(caseId=cid)["lastUpdatedDate"]
            header["X-Warroom-If-Unmodified-Since"] = "%.3f" % current.timestamp()
            self.c.update_case(caseId=cid, title="Current")
            self.assertEqual(self.c.get_case(caseId=cid)["title"], "Current")
        finally:
            self.c.meta.events.unregister("before-sign.security-ir.UpdateCase", add_header)
        # Without the header (every AWS client) nothing changes.
        self.c.update_case(caseId=cid, title="Plain")
        self.assertEqual(self.c.get_case(caseId=cid)["title"], "Plain")

    def test_status_graph(self):
        cid = self.c.create_case(**case_input())["caseId"]
        with self.assertRaises(ClientError) as raised:
            self.c.update_case_status(caseId=cid, caseStatus="Post-incident Activities")
        self.assertIn(raised.exception.response["Error"]["Code"],
                      ("ValidationException", "ConflictException"))
        self.assertEqual(self.c.get_case(caseId=cid)["caseStatus"], "Submitted")
        for status in ("Detection and Analysis", "Containment, Eradication and Recovery",
                       "Post-incident Activities", "Detection and Analysis"):
            self.assertEqual(self.c.update_case_status(caseId=cid, caseStatus=status)["caseStatus"],
                             status)
        self.c.close_case(caseId=cid)
        with self.assertRaises(ClientError):
            self.c.update_case_status(caseId=cid, caseStatus="Detection and Analysis")
        self.assertEqual(self.c.get_case(caseId=cid)["caseStatus"], "Closed")

    def test_roles(self):
        reader = SERVER.client("read-only")
        response = error_of(self, lambda: reader.create_case(**case_input(title="By reader")),
                            "AccessDeniedException", 403)
        self.assertIn("CreateCase", response["Error"]["Message"])
        self.assertNotIn("By reader", titles(self.c))
        reader.list_cases()
        cid = self.c.create_case(**case_input())["caseId"]
        reader.get_case(caseId=cid)
        error_of(self, lambda: reader.create_case_comment(caseId=cid, body="no"),
                 "AccessDeniedException", 403)
        error_of(self, lambda: reader.get_case_attachment_upload_url(
            caseId=cid, fileName="a.txt", contentLength=3), "AccessDeniedException", 403)

        case_full = SERVER.client("case-full")
        case_full.create_case_comment(caseId=cid, body="case-full may comment")
        case_full.update_case_status(caseId=cid, caseStatus="Detection and Analysis")
        error_of(self, lambda: case_full.create_membership(
            membershipName="Not allowed", incidentResponseTeam=team()), "AccessDeniedException", 403)
        case_full.list_memberships()


class Authentication(unittest.TestCase):
    """Every request is SigV4-verified; failures are 403 and change nothing."""

    @classmethod
    def setUpClass(cls):
        cls.c = SERVER.client("full")

    def body(self, title):
        data = case_input(title=title)
        data["reportedIncidentStartDate"] = int(data["reportedIncidentStartDate"].timestamp())
        return json.dumps(data).encode()

    def assert_refused(self, response, code, title=None):
        self.assertEqual(response.status_code, 403, response.text)
        self.assertEqual(response.headers["X-Amzn-ErrorType"], code)
        self.assertEqual(response.json()["__type"], code)
        if title:
            self.assertNotIn(title, titles(self.c))

    def test_a_correct_manual_signature_works(self):
        response = SERVER.send(SERVER.signed("POST", "/v1/create-case", body=self.body("Manual ok")))
        self.assertEqual(response.status_code, 201, response.text)
        self.assertIn("Manual ok", titles(self.c))

    def test_wrong_secret(self):
        bad = SERVER.client("full", secret="A" * 40)
        response = error_of(self, lambda: bad.create_case(**case_input(title="Wrong secret")),
                            "InvalidSignatureException", 403)
        self.assertIn("signature we calculated does not match", response["Error"]["Message"])
        self.assertNotIn("Wrong secret", titles(self.c))

    def test_unknown_key(self):
        bad = SERVER.client("full", key_id="AKIAUNKNOWNKEY000000")
        error_of(self, lambda: bad.create_case(**case_input(title="Unknown key")),
                 "UnrecognizedClientException", 403)
        self.assertNotIn("Unknown key", titles(self.c))

    def test_stale_date(self):
        old = datetime.datetime.utcnow() - datetime.timedelta(minutes=20)
        with mock.patch.object(botocore.auth, "get_current_datetime", return_value=old):
            request = SERVER.signed("POST", "/v1/create-case", body=self.body("Stale"))
        response = SERVER.send(request)
        self.assert_refused(response, "InvalidSignatureException", "Stale")
        self.assertIn("Signature expired", response.json()["message"])
        future = datetime.datetime.utcnow() + datetime.timedelta(minutes=20)
        with mock.patch.object(botocore.auth, "get_current_datetime", return_value=future):
            request = SERVER.signed("POST", "/v1/create-case", body=self.body("Future"))
        self.assert_refused(SERVER.send(request), "InvalidSignatureException", "Future")
        # Within the 15 minutes: accepted.
        near = datetime.datetime.utcnow() - datetime.timedelta(minutes=10)
        with mock.patch.object(botocore.auth, "get_current_datetime", return_value=near):
            request = SERVER.signed("GET", "/v1/cases/9999999999/get-case")
        self.assertEqual(SERVER.send(request).status_code, 404)

    def test_tampered_body(self):
        request = SERVER.signed("POST", "/v1/create-case", body=self.body("Original"))
        response = SERVER.send(request, body=self.body("Tampered"))
        self.assert_refused(response, "InvalidSignatureException", "Tampered")
        self.assertNotIn("Original", titles(self.c))

    def test_tampered_path(self):
        cid = self.c.create_case(**case_input())["caseId"]
        other = self.c.create_case(**case_input())["caseId"]
        request = SERVER.signed("POST", "/v1/cases/%s/close-case" % cid)
        response = SERVER.send(request, url=SERVER.base + "/v1/cases/%s/close-case" % other)
        self.assert_refused(response, "InvalidSignatureException")
        self.assertEqual(self.c.get_case(caseId=other)["caseStatus"], "Submitted")
        self.assertEqual(self.c.get_case(caseId=cid)["caseStatus"], "Submitted")
        # The query string is signed too.
        request = SERVER.signed("GET", "/v1/cases/%s/list-investigations" % cid,
                                query="maxResults=1")
        response = SERVER.send(request, url=request.url.replace("maxResults=1", "maxResults=2"))
        self.assert_refused(response, "InvalidSignatureException")

    def test_missing_headers(self):
        request = SERVER.signed("POST", "/v1/create-case", body=self.body("No auth"))
        response = SERVER.send(request, drop=("authorization",))
        self.assert_refused(response, "MissingAuthenticationTokenException", "No auth")
        self.assertEqual(response.json()["message"], "Missing Authentication Token")
        request = SERVER.signed("POST", "/v1/create-case", body=self.body("No date"))
        response = SERVER.send(request, drop=("x-amz-date",))
        self.assert_refused(response, "IncompleteSignatureException", "No date")
        request = SERVER.signed("POST", "/v1/create-case", body=self.body("Bad header"))
        prepared = request.prepare()
        headers = dict(prepared.headers)
        headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=garbage"
        response = requests.post(prepared.url, headers=headers, data=prepared.body, timeout=30)
        self.assert_refused(response, "IncompleteSignatureException", "Bad header")

    def test_wrong_region_or_service(self):
        key = SERVER.keys["full"]
        for region, service in (("eu-west-1", "security-ir"), (REGION, "s3")):
            request = AWSRequest(method="GET", url=SERVER.base + "/v1/cases/1234567890/get-case")
            SigV4Auth(Credentials(key["accessKeyId"], key["secretAccessKey"]), service,
                      region).add_auth(request)
            self.assert_refused(SERVER.send(request), "InvalidSignatureException")

    def test_access_log_has_no_secrets(self):
        self.c.list_cases()
        self.assertTrue(wait_until(lambda: os.path.getsize(SERVER.access_log) > 0))
        with open(SERVER.access_log) as f:
            text = f.read()
        lines = [json.loads(line) for line in text.splitlines()]
        self.assertTrue(any(e["operation"] == "ListCases" and e["status"] == 200 for e in lines))
        self.assertTrue(all({"method", "path", "operation", "status", "ms", "accessKeyId"} <= set(e)
                            for e in lines))
        for key in SERVER.keys.values():
            self.assertNotIn(key["secretAccessKey"], text)
        self.assertNotIn("Signature=", text)
        self.assertNotIn("Suspicious API calls", text)  # no bodies


class Concurrency(unittest.TestCase):
    """8 clients at once against one server (its worker threads run calls in parallel):
    2,000 cases created, one shared case updated by all of them; no duplicate ID, no lost
    update, every change in the edit log."""

    def test_eight_clients_two_thousand_cases(self):
        server = ServerProcess(extra_args=["--rate", "0", "--threads", "4"])
        try:
            shared = server.client().create_case(**case_input("Shared by eight clients"))["caseId"]
            created = [[] for _ in range(8)]
            failures = []

            # Made here: creating boto3 clients from several threads at once is not safe.
            clients = [server.client(max_pool_connections=2) for _ in range(8)]

            def work(n):
                try:
                    client = clients[n]
                    for i in range(250):
                        created[n].append(client.create_case(
                            **case_input("Client %d case %d" % (n, i)))["caseId"])
                        if i % 100 == 0:  # three watchers from every client on one case
                            client.update_case(caseId=shared, watchersToAdd=[
                                {"email": "c%d-w%d@example.com" % (n, i)}])
                except Exception as error:  # noqa: BLE001 - reported below
                    failures.append(repr(error))

            threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(300)
            self.assertFalse(failures, "\n".join(failures))
            ids = [case_id for ids in created for case_id in ids]
            self.assertEqual(len(ids), 2000)
            self.assertEqual(len(set(ids)), 2000)
            client = server.client()
            listed = set()
            for page in client.get_paginator("list_cases").paginate(PaginationConfig={"PageSize": 25}):
                listed.update(item["caseId"] for item in page["items"])
            self.assertEqual(listed, set(ids) | {shared})
            watchers = client.get_case(caseId=shared)["watchers"]
            self.assertEqual(len(watchers), 25)  # the first one + 24: no lost update
            edits = []
            for page in client.get_paginator("list_case_edits").paginate(
                    caseId=shared, PaginationConfig={"PageSize": 25}):
                edits.extend(page["items"])
            self.assertEqual(sum(1 for e in edits if e["action"] == "UpdateCase"), 24)
            for case_id in (ids[0], ids[999], ids[-1]):
                case_edits = client.list_case_edits(caseId=case_id)["items"]
                self.assertEqual([e["action"] for e in case_edits], ["CreateCase"])
        finally:
            server.close()


class Limits(unittest.TestCase):
    def test_body_limit(self):
        body = json.dumps({"title": "x" * (1024 * 1024 + 10)}).encode()
        response = SERVER.send(SERVER.signed("POST", "/v1/create-case", body=body))
        self.assertEqual(response.status_code, 413)
        self.assertEqual(response.headers["X-Amzn-ErrorType"], "ValidationException")
        self.assertIn("at most 1048576 bytes", response.json()["message"])

    def test_throttling(self):
        # One token every 5 s: the third call is throttled even on a machine so loaded
        # that the first three take seconds.
        server = ServerProcess(["--rate", "0.2", "--burst", "2"], roles=("full", "read-only"))
        try:
            client = server.client("full")
            client.list_cases()
            client.list_cases()
            response = error_of(self, client.list_cases, "ThrottlingException", 429)
            headers = response["ResponseMetadata"]["HTTPHeaders"]
            self.assertGreaterEqual(int(headers["retry-after"]), 1)
            # Buckets are per key: the other key is not throttled.
            server.client("read-only").list_cases()
            time.sleep(5.2)
            client.list_cases()
        finally:
            self.assertEqual(server.stop(), 0)
            server.close()


class ChangeFeed(unittest.TestCase):
    def get(self, query):
        return SERVER.send(SERVER.signed("GET", "/v1/x-warroom/changes", query=query))

    def test_feed_and_long_poll(self):
        c = SERVER.client("full")
        latest = self.get("").json()["latest"]
        self.assertIsInstance(latest, int)
        cid = c.create_case(**case_input())["caseId"]
        feed = self.get("after=%d" % latest).json()
        self.assertGreater(feed["latest"], latest)
        change = feed["changes"][0]
        self.assertEqual(change["resourceId"], cid)
        self.assertEqual(change["operation"], "CreateCase")
        self.assertEqual(set(change), {"sequence", "resourceType", "resourceId", "operation", "at"})

        # Nothing new: an empty answer after waitSeconds.
        started = time.monotonic()
        empty = self.get("after=%d&waitSeconds=1" % feed["latest"]).json()
        self.assertEqual(empty["changes"], [])
        self.assertGreaterEqual(time.monotonic() - started, 0.9)

        # A change made while a console waits wakes it at once.
        result = {}

        def poll():
            started = time.monotonic()
            result["feed"] = self.get("after=%d&waitSeconds=20" % feed["latest"]).json()
            result["seconds"] = time.monotonic() - started

        thread = threading.Thread(target=poll)
        thread.start()
        time.sleep(0.3)
        c.create_case_comment(caseId=cid, body="wake up")
        thread.join(25)
        self.assertLess(result["seconds"], 2.0)
        self.assertEqual(result["feed"]["changes"][0]["resourceId"], cid)

        reader = SERVER.signed("GET", "/v1/x-warroom/changes", role="read-only", query="after=0")
        self.assertEqual(SERVER.send(reader).status_code, 200)
        bad = self.get("after=-3")
        self.assertEqual(bad.status_code, 400)
        unsigned = SERVER.send(SERVER.signed("GET", "/v1/x-warroom/changes"), drop=("authorization",))
        self.assertEqual(unsigned.status_code, 403)


class AwsCli(unittest.TestCase):
    def aws(self, *args, role="full"):
        env = dict(os.environ)
        env.update(AWS_ACCESS_KEY_ID=SERVER.keys[role]["accessKeyId"],
                   AWS_SECRET_ACCESS_KEY=SERVER.keys[role]["secretAccessKey"],
                   AWS_DEFAULT_REGION=REGION, AWS_MAX_ATTEMPTS="1", AWS_RETRY_MODE="standard")
        env.pop("AWS_PROFILE", None)
        return subprocess.run([os.environ.get("WARROOM_AWS_CLI", "aws"), "security-ir"] + list(args)
                              + ["--endpoint-url", SERVER.base, "--output", "json"],
                              capture_output=True, text=True, env=env, timeout=60)

    @unittest.skipUnless(shutil.which(os.environ.get("WARROOM_AWS_CLI", "aws")), "no aws CLI")
    def test_cli(self):
        out = self.aws("create-case", "--resolver-type", "Self", "--title", "From the CLI",
                       "--description", "Created by the AWS CLI", "--engagement-type", "Investigation",
                       "--reported-incident-start-date", "2026-01-01T00:00:00Z",
                       "--impacted-accounts", "111122223333", "--watchers", "email=cli@example.com")
        self.assertEqual(out.returncode, 0, out.stderr)
        cid = json.loads(out.stdout)["caseId"]
        out = self.aws("get-case", "--case-id", cid)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(json.loads(out.stdout)["title"], "From the CLI")
        out = self.aws("list-cases", "--max-items", "2")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertLessEqual(len(json.loads(out.stdout)["items"]), 2)
        arn = "arn:aws:security-ir:%s:%s:case/%s" % (REGION, ACCOUNT, cid)
        out = self.aws("tag-resource", "--resource-arn", arn, "--tags", "k=v")
        self.assertEqual(out.returncode, 0, out.stderr)
        out = self.aws("list-tags-for-resource", "--resource-arn", arn)
        self.assertEqual(json.loads(out.stdout)["tags"], {"k": "v"})
        out = self.aws("get-case", "--case-id", "9999999999")
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("ResourceNotFoundException", out.stderr)
        out = self.aws("close-case", "--case-id", cid, role="read-only")
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("AccessDeniedException", out.stderr)


class Shutdown(unittest.TestCase):
    def test_sigterm_finishes_requests_in_flight(self):
        server = ServerProcess(roles=("full",))
        try:
            client = server.client("full")
            cid = client.create_case(**case_input())["caseId"]
            # A request whose body is still arriving when SIGTERM comes.
            body = json.dumps({"body": "sent across a shutdown"}).encode()
            request = server.signed("POST", "/v1/cases/%s/create-comment" % cid, body=body)
            prepared = request.prepare()
            head = "POST /v1/cases/%s/create-comment HTTP/1.1\r\n" % cid
            head += "Host: 127.0.0.1:%d\r\n" % server.port
            for name, value in prepared.headers.items():
                if name.lower() != "content-length":
                    head += "%s: %s\r\n" % (name, value)
            head += "Content-Length: %d\r\n\r\n" % len(body)
            sock = socket.create_connection(("127.0.0.1", server.port))
            sock.sendall(head.encode() + body[:10])
            # And a change feed long poll.
            latest = server.send(server.signed("GET", "/v1/x-warroom/changes")).json()["latest"]
            poll = {}

            def long_poll():
                poll["response"] = server.send(server.signed(
                    "GET", "/v1/x-warroom/changes", query="after=%d&waitSeconds=20" % latest))

            thread = threading.Thread(target=long_poll)
            thread.start()
            time.sleep(0.5)
            server.proc.send_signal(signal.SIGTERM)
            time.sleep(0.5)
            self.assertIsNone(server.proc.poll(), "exited with a request in flight")
            with self.assertRaises(OSError):  # no longer accepting
                socket.create_connection(("127.0.0.1", server.port), timeout=2).close()
            sock.sendall(body[10:])
            sock.settimeout(10)
            reply = b""
            while b"\r\n\r\n" not in reply or len(reply.split(b"\r\n\r\n", 1)[1]) < int(
                    reply.lower().split(b"content-length: ", 1)[1].split(b"\r\n", 1)[0]):
                chunk = sock.recv(65536)
                if not chunk:
                    break
                reply += chunk
            sock.close()
            self.assertTrue(reply.startswith(b"HTTP/1.1 201"), reply[:200])
            thread.join(10)
            self.assertEqual(poll["response"].status_code, 200)
            self.assertEqual(server.proc.wait(20), 0)
            self.assertIn(b"commentId", reply)
        finally:
            server.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
