"""A throwaway PostgreSQL server for the tests.

Runs initdb and postgres from /usr/lib/postgresql/*/bin (or WARROOM_PG_BINDIR) on a
temporary data directory under /tmp, listening on 127.0.0.1 and a free port, with its
Unix socket inside the data directory. postgres refuses to run as root: when the tests
run as root, it runs as the system user `warroom-pg` (which tests/run-tests.sh creates),
or as `nobody` when that user does not exist. WARROOM_PG_USER names another user.

The server is stopped and its directory removed by stop(), at interpreter exit, and also
when the test process dies without cleaning up: postgres runs under a small shell that
waits on a pipe from this process and stops postgres when the pipe closes.
"""
import atexit
import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid

SUPERUSER = "warroom"


class PostgresUnavailable(RuntimeError):
    pass


def find_bindir():
    configured = os.environ.get("WARROOM_PG_BINDIR")
    if configured:
        return configured
    candidates = []
    for initdb in glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        version = os.path.basename(os.path.dirname(os.path.dirname(initdb)))
        key = tuple(int(part) for part in re.findall(r"\d+", version)) or (0,)
        candidates.append((key, os.path.dirname(initdb)))
    if candidates:
        return max(candidates)[1]
    found = shutil.which("initdb")
    if found:
        return os.path.dirname(found)
    raise PostgresUnavailable("no PostgreSQL server binaries (initdb, postgres) found; "
                              "install the Debian package postgresql")


def run_as_user():
    """The user postgres runs as: None for the current (non-root) user."""
    if os.geteuid() != 0:
        return None
    for name in (os.environ.get("WARROOM_PG_USER"), "warroom-pg", "nobody"):
        if not name:
            continue
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise PostgresUnavailable("running as root and there is no non-root user for postgres "
                              "(create one: useradd --system warroom-pg)")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresCluster:
    def __init__(self):
        self.bindir = find_bindir()
        self.user = run_as_user()
        self.dir = tempfile.mkdtemp(prefix="warroom-pg-")
        self.data = os.path.join(self.dir, "data")
        self.socket_dir = os.path.join(self.dir, "socket")
        self.log = os.path.join(self.dir, "postgres.log")
        self.port = None
        self.proc = None
        self._pipe = None
        self._lock = threading.Lock()
        try:
            os.mkdir(self.socket_dir)
            if self.user is not None:
                for path in (self.dir, self.socket_dir):
                    os.chown(path, self.user.pw_uid, self.user.pw_gid)
            os.chmod(self.dir, 0o700)
            self._run([os.path.join(self.bindir, "initdb"), "-D", self.data, "-U", SUPERUSER,
                       "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"])
            self._start()
        except BaseException:
            self.stop()
            raise

    def _as_user(self, argv):
        if self.user is None:
            return argv
        return ["runuser", "-u", self.user.pw_name, "--"] + argv

    def _run(self, argv):
        out = subprocess.run(self._as_user(argv), capture_output=True, text=True, timeout=120,
                             cwd=self.dir)
        if out.returncode != 0:
            raise PostgresUnavailable("%s failed (%d): %s%s" % (
                os.path.basename(argv[0]), out.returncode, out.stdout, out.stderr))
        return out

    def _start(self):
        postgres = os.path.join(self.bindir, "postgres")
        last_error = ""
        for _ in range(5):
            port = free_port()
            # The shell stops postgres (fast shutdown) when our end of the pipe closes,
            # which also happens when this process is killed.
            # It then removes the temporary directory (it owns it), so a killed test run
            # leaves nothing behind.
            script = ('dir=$1; shift; "$@" & pid=$!; '
                      'trap \'kill -INT $pid 2>/dev/null; wait $pid; rm -rf "$dir"; exit 0\' TERM INT; '
                      'read _ignored; kill -INT $pid 2>/dev/null; wait $pid; rm -rf "$dir"')
            read_end, write_end = os.pipe()
            log = open(self.log, "ab")
            try:
                proc = subprocess.Popen(
                    self._as_user(["sh", "-c", script, "postgres-watch", self.dir, postgres,
                                   "-D", self.data, "-p", str(port),
                                   "-c", "listen_addresses=127.0.0.1",
                                   "-c", "unix_socket_directories=" + self.socket_dir,
                                   "-c", "fsync=off", "-c", "synchronous_commit=off",
                                   "-c", "full_page_writes=off", "-c", "max_connections=200"]),
                    stdin=read_end, stdout=log, stderr=subprocess.STDOUT, cwd=self.dir,
                    start_new_session=True)
            finally:
                os.close(read_end)
                log.close()
            self.proc, self._pipe, self.port = proc, write_end, port
            if self._wait_ready():
                return
            last_error = self.read_log()
            self._stop_process()
        raise PostgresUnavailable("postgres did not start: " + last_error[-3000:])

    def _wait_ready(self, timeout=60.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                self.psql("SELECT 1", database="postgres")
                return True
            except PostgresUnavailable:
                time.sleep(0.1)
        return False

    def read_log(self):
        try:
            with open(self.log, errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def psql(self, sql, database="postgres"):
        out = subprocess.run(
            [os.path.join(self.bindir, "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1",
             "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER, "-d", database,
             "-At", "-c", sql],
            capture_output=True, text=True, timeout=60, env=dict(os.environ, PGCONNECT_TIMEOUT="5"))
        if out.returncode != 0:
            raise PostgresUnavailable("psql failed: " + out.stderr)
        return out.stdout

    def create_database(self, name=None):
        """Creates a fresh database and returns its postgresql:// URL."""
        name = name or "warroom_" + uuid.uuid4().hex[:12]
        with self._lock:
            self.psql('CREATE DATABASE "%s"' % name)
        return self.url(name)

    def url(self, database):
        return "postgresql://%s@127.0.0.1:%d/%s" % (SUPERUSER, self.port, database)

    def _stop_process(self):
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None
        if self.proc is not None:
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                # The shell runs as the postgres user; kill its whole session.
                subprocess.run(["kill", "-KILL", "--", "-%d" % self.proc.pid],
                               capture_output=True)
                self.proc.wait()
            self.proc = None

    def stop(self):
        self._stop_process()
        if self.dir and os.path.isdir(self.dir):
            shutil.rmtree(self.dir, ignore_errors=True)
        self.dir = None


_CLUSTER = None


def cluster():
    """The process-wide test cluster, started on first use and stopped at exit."""
    global _CLUSTER
    if _CLUSTER is None:
        _CLUSTER = PostgresCluster()
        atexit.register(stop_cluster)
    return _CLUSTER


def stop_cluster():
    global _CLUSTER
    if _CLUSTER is not None:
        _CLUSTER.stop()
        _CLUSTER = None


if __name__ == "__main__":
    c = cluster()
    print(c.create_database())
    print(c.psql("SELECT version()"))
    stop_cluster()
