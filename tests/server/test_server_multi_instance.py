#!/usr/bin/env python3
"""Two warroom-server instances on one PostgreSQL database, used alternately by the same
clients, as behind a load balancer: IDs stay unique, a clientToken repeated on the other
instance returns the original result, page tokens and attachment URLs of one instance
work on the other, pagination and the change feed see every change.

Starts its own PostgreSQL (pgfixture.py) and two servers (WARROOM_SERVER) on 127.0.0.1.
"""
import os
import sys
import threading
import time
import unittest
import uuid

import requests
from botocore.exceptions import ClientError

os.environ.setdefault("AWS_CONFIG_FILE", "/nonexistent/warroom-test/aws-config")
os.environ.setdefault("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/warroom-test/aws-credentials")
os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
for name in ("AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
    os.environ.pop(name, None)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pgfixture  # noqa: E402
from serverfixture import ServerProcess  # noqa: E402

A = None
B = None


def setUpModule():
    global A, B
    url = pgfixture.cluster().create_database()
    A = ServerProcess(database_url=url)
    B = ServerProcess(database_url=url, keys_from=A)


def tearDownModule():
    codes = []
    for server in (A, B):
        if server is not None:
            codes.append(server.stop())
            server.close()
    pgfixture.stop_cluster()
    if any(code != 0 for code in codes):
        raise AssertionError("servers exited with %s" % codes)


def case_input(title, **extra):
    values = dict(resolverType="Self", title=title, description="Logins from an unknown network.",
                  engagementType="Security Incident", reportedIncidentStartDate=1700000000,
                  impactedAccounts=[], watchers=[])
    values.update(extra)
    return values


def feed(server, query):
    response = server.send(server.signed("GET", "/v1/x-warroom/changes", query=query))
    assert response.status_code == 200, response.text
    return response.json()


class StartTogether(unittest.TestCase):
    def test_two_servers_migrate_a_fresh_database_at_once(self):
        url = pgfixture.cluster().create_database()
        servers, errors = [], []

        def start():
            try:
                servers.append(ServerProcess(database_url=url, roles=("full",)))
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append(e)

        threads = [threading.Thread(target=start) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        try:
            self.assertEqual(errors, [])
            ids = [s.client().create_case(**case_input("Start %d" % i))["caseId"]
                   for i, s in enumerate(servers)]
            self.assertEqual(len(set(ids)), len(servers))
            # Every server signed its page tokens with the one key kept in the database.
            page = servers[0].client().list_cases(maxResults=1)
            rest = servers[-1].client().list_cases(maxResults=25, nextToken=page["nextToken"])
            self.assertEqual(len(page["items"]) + len(rest["items"]), len(servers))
        finally:
            for s in servers:
                self.assertEqual(s.stop(), 0)
                s.close()


class Alternating(unittest.TestCase):
    def test_ids_stay_unique_under_concurrent_writes(self):
        ids, errors = [], []
        lock = threading.Lock()

        def work(server, n):
            client = server.client()
            for i in range(n):
                try:
                    cid = client.create_case(**case_input("Concurrent %s" % uuid.uuid4().hex[:8]))["caseId"]
                    client.create_case_comment(caseId=cid, body="first look %d" % i)
                    with lock:
                        ids.append(cid)
                except ClientError as e:
                    with lock:
                        errors.append(e.response["Error"])

        threads = [threading.Thread(target=work, args=(server, 8)) for server in (A, B, A, B)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        self.assertEqual(errors, [])
        self.assertEqual(len(ids), 32)
        self.assertEqual(len(set(ids)), 32)

    def test_comment_ids_unique_across_instances(self):
        cid = A.client().create_case(**case_input("Comments from both"))["caseId"]
        comment_ids = []
        for i in range(10):
            server = (A, B)[i % 2]
            comment_ids.append(server.client().create_case_comment(
                caseId=cid, body="note %d" % i)["commentId"])
        self.assertEqual(len(set(comment_ids)), 10)
        listed = []
        token = None
        for page in range(10):
            server = (B, A)[page % 2]
            args = dict(caseId=cid, maxResults=3)
            if token:
                args["nextToken"] = token
            out = server.client().list_comments(**args)
            listed += [c["commentId"] for c in out["items"]]
            token = out.get("nextToken")
            if not token:
                break
        self.assertEqual(sorted(listed), sorted(comment_ids))

    def test_client_token_repeated_on_the_other_instance(self):
        token = "tok-" + uuid.uuid4().hex
        first = A.client().create_case(clientToken=token, **case_input("Idempotent across"))
        again = B.client().create_case(clientToken=token, **case_input("Idempotent across"))
        self.assertEqual(again["caseId"], first["caseId"])
        with self.assertRaises(ClientError) as caught:
            B.client().create_case(clientToken=token, **case_input("Something else"))
        self.assertEqual(caught.exception.response["Error"]["Code"], "ConflictException")
        # Concurrently on both: still one case.
        token = "tok-" + uuid.uuid4().hex
        results = []

        def create(server):
            results.append(server.client().create_case(
                clientToken=token, **case_input("Raced token"))["caseId"])

        threads = [threading.Thread(target=create, args=(s,)) for s in (A, B, A, B)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        self.assertEqual(len(results), 4)
        self.assertEqual(len(set(results)), 1)

    def test_pagination_across_instances_sees_every_case(self):
        created = {A.client().create_case(**case_input("Paged %d" % i))["caseId"] if i % 2 == 0
                   else B.client().create_case(**case_input("Paged %d" % i))["caseId"]
                   for i in range(12)}
        seen = []
        token = None
        page = 0
        while True:
            server = (A, B)[page % 2]
            args = {"maxResults": 4}
            if token:
                args["nextToken"] = token
            out = server.client().list_cases(**args)
            seen += [item["caseId"] for item in out["items"]]
            # A case added through the other instance while paging shows up at the end.
            if page == 1:
                late = B.client().create_case(**case_input("Added while paging"))["caseId"]
                created.add(late)
            token = out.get("nextToken")
            page += 1
            if not token:
                break
        self.assertEqual(len(seen), len(set(seen)))
        self.assertTrue(created <= set(seen), created - set(seen))

    def test_change_feed_of_one_instance_sees_changes_through_the_other(self):
        latest = feed(A, "")["latest"]
        cid = B.client().create_case(**case_input("Seen by A"))["caseId"]
        B.client().update_case_status(caseId=cid, caseStatus="Detection and Analysis")
        changes = feed(A, "after=%d" % latest)["changes"]
        ours = [c for c in changes if c["resourceId"] == cid]
        self.assertEqual([c["operation"] for c in ours], ["CreateCase", "UpdateCaseStatus"])
        sequences = [c["sequence"] for c in changes]
        self.assertEqual(sequences, sorted(set(sequences)))

        # A console long-polling A wakes for a change made through B (A polls the database).
        after = feed(A, "")["latest"]
        result = {}

        def poll():
            started = time.monotonic()
            result["feed"] = feed(A, "after=%d&waitSeconds=15" % after)
            result["seconds"] = time.monotonic() - started

        thread = threading.Thread(target=poll)
        thread.start()
        time.sleep(0.3)
        B.client().create_case_comment(caseId=cid, body="wake A")
        thread.join(20)
        self.assertLess(result["seconds"], 3.0)
        self.assertEqual(result["feed"]["changes"][0]["resourceId"], cid)

    def test_every_change_reaches_both_feeds_in_order(self):
        start = feed(A, "")["latest"]
        ids = []

        def work(server):
            for i in range(5):
                ids.append(server.client().create_case(**case_input("Feed %d" % i))["caseId"])

        threads = [threading.Thread(target=work, args=(s,)) for s in (A, B)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        for server in (A, B):
            changes, after = [], start
            while True:
                got = feed(server, "after=%d" % after)["changes"]
                if not got:
                    break
                changes += got
                after = got[-1]["sequence"]
            sequences = [c["sequence"] for c in changes]
            self.assertEqual(sequences, list(range(start + 1, start + 1 + len(sequences))))
            self.assertTrue(set(ids) <= {c["resourceId"] for c in changes})

    def test_attachment_url_from_one_instance_works_on_the_other(self):
        cid = A.client().create_case(**case_input("Attachment across"))["caseId"]
        body = os.urandom(3000) + b"\x00\xff\x00"
        upload = A.client().get_case_attachment_upload_url(
            caseId=cid, fileName="dump.bin", contentLength=len(body))
        url = upload["attachmentPresignedUrl"].replace(A.base, B.base)
        self.assertTrue(url.startswith(B.base))
        put = requests.put(url, data=body, timeout=30)
        self.assertEqual(put.status_code, 200, put.text)
        attachments = B.client().get_case(caseId=cid)["caseAttachments"]
        self.assertEqual([a["attachmentStatus"] for a in attachments], ["Verified"])
        attachment_id = attachments[0]["attachmentId"]
        download = B.client().get_case_attachment_download_url(
            caseId=cid, attachmentId=attachment_id)["attachmentPresignedUrl"]
        got = requests.get(download.replace(B.base, A.base), timeout=30)
        self.assertEqual(got.status_code, 200)
        self.assertEqual(got.content, body)


class DatabaseRestart(unittest.TestCase):
    """PostgreSQL restarting (or a failover) ends every open session with 57P01
    "terminating connection due to administrator command"; the servers open their
    connections again and the next requests succeed without an error reaching clients."""

    def terminate_sessions(self):
        database = A.database_url.rsplit("/", 1)[1]
        killed = pgfixture.cluster().psql(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = '%s' AND pid <> pg_backend_pid()" % database, database="postgres")
        return int(killed.strip() or 0)

    def test_servers_reconnect_after_sessions_are_terminated(self):
        a, b = A.client(), B.client()
        case_id = a.create_case(**case_input("Before the restart"))["caseId"]
        for server in (A, B):  # every worker thread of both servers opens its connection
            for _ in range(6):
                server.client().get_case(caseId=case_id)
        self.assertGreaterEqual(self.terminate_sessions(), 2)
        # Reads and writes right after: each thread finds its session gone, reconnects and
        # runs the call again (nothing was committed), so no client sees an error.
        expected = "Before the restart"
        for i in range(8):
            client = a if i % 2 == 0 else b
            self.assertEqual(client.get_case(caseId=case_id)["title"], expected)
            expected = "After restart %d" % i
            client.update_case(caseId=case_id, title=expected)
        created = b.create_case(**case_input("After the restart"))["caseId"]
        self.assertEqual(a.get_case(caseId=created)["title"], "After the restart")
        self.assertEqual(a.get_case(caseId=case_id)["title"], "After restart 7")
        edits = a.list_case_edits(caseId=case_id, maxResults=25)["items"]
        self.assertEqual(sum(1 for e in edits if e["action"] == "UpdateCase"), 8)
        # Twice in a row, with the change feed (the server thread's own connection) too.
        self.assertGreaterEqual(self.terminate_sessions(), 1)
        self.assertGreater(feed(A, "after=0")["latest"], 0)
        self.assertEqual(b.get_case(caseId=created)["title"], "After the restart")
        logs = ""
        for server in (A, B):
            server.stderr.flush()
            server.stderr.seek(0)
            logs += server.stderr.read()
        self.assertIn("lost the database connection, reconnecting", logs)


if __name__ == "__main__":
    unittest.main(verbosity=2)
