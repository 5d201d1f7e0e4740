"""A throwaway OpenLDAP server for the tests: Debian's slapd on a free loopback port, with
its own configuration and mdb database in a temporary folder, the memberof overlay, and
the people and groups below. Started once per test session."""

import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SUFFIX = "dc=hospital,dc=example"
ROOT_DN = f"cn=admin,{SUFFIX}"
ROOT_PASSWORD = "admin-secret"
SERVICE_DN = f"cn=svsupport,ou=services,{SUFFIX}"
SERVICE_PASSWORD = "service-secret"
PEOPLE = f"ou=people,{SUFFIX}"
GROUPS = f"ou=groups,{SUFFIX}"
COORDINATORS_DN = f"cn=quality-office,{GROUPS}"
BOARD_DN = f"cn=board,{GROUPS}"

SLAPD = "/usr/sbin/slapd"
SLAPD_CONF = """\
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload memberof
pidfile {dir}/slapd.pid
database mdb
maxsize 10485760
suffix "{suffix}"
rootdn "{root_dn}"
rootpw {root_password}
directory {dir}/db
overlay memberof
memberof-refint TRUE
"""


def person(uid, password, **attributes):
    lines = [
        f"dn: uid={uid},{PEOPLE}",
        "objectClass: inetOrgPerson",
        f"uid: {uid}",
        f"cn: {uid}",
        f"sn: {attributes.pop('sn', uid)}",
        f"userPassword: {password}",
    ]
    lines += [f"{name}: {value}" for name, value in attributes.items()]
    return "\n".join(lines)


# Nadia coordinates (Quality and Risk Office group), Omar sits on the board, Lea is in
# neither; Nemo has nothing but the attributes the schema requires.
PEOPLE_LDIF = [
    person(
        "nadia",
        "nadia-pw",
        givenName="Nadia",
        sn="Roux",
        mail="nadia.roux@hospital.example",
        departmentNumber="Chirurgie",
        l="Hôpital Nord",
        title="nurse",
    ),
    person(
        "omar",
        "omar-pw",
        givenName="Omar",
        sn="Haddad",
        mail="omar.haddad@hospital.example",
        departmentNumber="Direction",
        l="Hôpital Nord",
        title="manager",
    ),
    person(
        "lea",
        "lea-pw",
        givenName="Léa",
        sn="Girard",
        mail="lea.girard@hospital.example",
        departmentNumber="Pharmacy",
        l="Hôpital Sud",
        title="pharmacist",
    ),
    person("nemo", "nemo-pw"),
]

BASE_LDIF = f"""\
dn: {SUFFIX}
objectClass: dcObject
objectClass: organization
dc: hospital
o: Hospital

dn: ou=people,{SUFFIX}
objectClass: organizationalUnit
ou: people

dn: ou=groups,{SUFFIX}
objectClass: organizationalUnit
ou: groups

dn: ou=services,{SUFFIX}
objectClass: organizationalUnit
ou: services

dn: {SERVICE_DN}
objectClass: organizationalRole
objectClass: simpleSecurityObject
cn: svsupport
userPassword: {SERVICE_PASSWORD}

{chr(10).join(entry + chr(10) for entry in PEOPLE_LDIF)}
dn: {COORDINATORS_DN}
objectClass: groupOfNames
cn: quality-office
member: uid=nadia,{PEOPLE}

dn: {BOARD_DN}
objectClass: groupOfNames
cn: board
member: uid=omar,{PEOPLE}
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process, what, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} stopped at start-up (exit {process.returncode})")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on port {port} within {seconds} s")


@dataclass
class Directory:
    uri: str
    folder: Path

    def ldap(self, tool, ldif):
        """Runs ldapadd / ldapmodify / ldapdelete as the directory's administrator."""
        subprocess.run(
            [tool, "-x", "-H", self.uri, "-D", ROOT_DN, "-w", ROOT_PASSWORD],
            input=ldif,
            text=True,
            check=True,
            capture_output=True,
        )


def start_slapd():
    """Starts slapd and loads the entries; returns (Directory, stop function)."""
    if not Path(SLAPD).exists():
        raise RuntimeError(
            "slapd is missing: sudo apt-get install -y slapd ldap-utils (see scripts/test.sh)"
        )
    folder = Path(tempfile.mkdtemp(prefix="svsupport-slapd-"))
    (folder / "db").mkdir()
    conf = folder / "slapd.conf"
    conf.write_text(
        SLAPD_CONF.format(dir=folder, suffix=SUFFIX, root_dn=ROOT_DN, root_password=ROOT_PASSWORD)
    )
    port = free_port()
    uri = f"ldap://127.0.0.1:{port}/"
    # -d 0 keeps slapd in the foreground, so the process is ours to stop.
    process = subprocess.Popen(
        [SLAPD, "-d", "0", "-h", uri, "-f", str(conf)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )

    def stop():
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(folder, ignore_errors=True)

    try:
        wait_for_port(port, process, "slapd")
        directory = Directory(uri=uri, folder=folder)
        # ldapadd (not slapadd): the memberof overlay fills memberOf as AD does.
        directory.ldap("ldapadd", BASE_LDIF)
    except Exception:
        stop()
        raise
    return directory, stop
