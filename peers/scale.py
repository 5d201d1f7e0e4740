"""The peers of a network-scale benchmark database, made by `manage.py seed_scale`: sites,
departments, staff and peer accounts, the peers' readiness (training, charter, supervision),
languages, weekly hours, time away and the on-call rota. bulk_create throughout: 10,000 peers in
seconds, not the hour the one-by-one services would take (no audit entries are written)."""

from datetime import time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from organisation.models import Department, Site, StaffProfile
from peers.models import (
    Attendance,
    AvailabilitySlot,
    CharterSignature,
    OnCallShift,
    PeerLanguage,
    PeerSupporter,
    Profession,
    SpokenLanguage,
    Status,
    SupportSession,
    TimeAway,
    TrainingRecord,
    current_charter,
)
from svsupport.lib.demo import DEMO_GROUP, DEMO_PASSWORD
from svsupport.lib.text import fold

BATCH = 2000
USERNAME_PREFIX = "scale-"
SITES = 5
DEPARTMENTS_PER_SITE = 60
FIRST_NAMES = ["Anne", "Bruno", "Chloé", "David", "Élise", "Farid", "Gaëlle", "Hugo", "Inès"]
LAST_NAMES = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand"]


def already_seeded():
    return get_user_model().objects.filter(username__startswith=USERNAME_PREFIX).exists()


def seed_organisation():
    """SITES sites (the demo's among them) with DEPARTMENTS_PER_SITE departments each."""
    sites = list(Site.objects.order_by("pk")[:SITES])
    for number in range(len(sites), SITES):
        sites.append(Site.objects.create(code=f"scale-site-{number}", name_en=f"Site {number}"))
    departments = [
        Department(code=f"scale-{site.pk}-{number}", name_en=f"Unit {site.pk}.{number}")
        for site in sites
        for number in range(DEPARTMENTS_PER_SITE)
    ]
    for department in departments:
        # bulk_create skips save(), which fills the lookup keys.
        department.code_key = department.code
        department.name_en_key = fold(department.name_en)
        department.name_fr_key = ""
    Department.objects.bulk_create(departments, batch_size=BATCH)
    departments = list(Department.objects.filter(code__startswith="scale-").order_by("pk"))
    return sites, departments


def seed_users(count, kind):
    """`count` accounts named scale-KIND-N, in the demo group (so seed_demo and seed_scale
    still see a demo database), all with the demo password (hashed once)."""
    password = make_password(DEMO_PASSWORD)
    users = get_user_model()
    names = [f"{USERNAME_PREFIX}{kind}-{number}" for number in range(count)]
    users.objects.bulk_create(
        [
            users(
                username=name,
                password=password,
                first_name=FIRST_NAMES[number % len(FIRST_NAMES)],
                last_name=LAST_NAMES[number % len(LAST_NAMES)],
                email=f"{name}@scale.invalid",
            )
            for number, name in enumerate(names)
        ],
        batch_size=BATCH,
    )
    created = list(users.objects.filter(username__in=names).order_by("pk"))
    group = Group.objects.get_or_create(name=DEMO_GROUP)[0]
    membership = users.groups.through
    membership.objects.bulk_create(
        [membership(user_id=user.pk, group_id=group.pk) for user in created], batch_size=BATCH
    )
    return created


def seed_staff(count, sites, departments, rng):
    """Staff accounts with a site and a department: the requesters."""
    staff = seed_users(count, "staff")
    StaffProfile.objects.bulk_create(
        [
            StaffProfile(
                user=user,
                site=department_site(department, sites),
                department=department,
                profession=rng.choice(Profession.values),
            )
            for user in staff
            for department in [rng.choice(departments)]
        ],
        batch_size=BATCH,
    )
    return staff


def department_site(department, sites):
    """The site a scale department belongs to (its code carries the site's id)."""
    site_id = int(department.code.split("-")[1])
    return next(site for site in sites if site.pk == site_id)


def peer_status(number):
    """85 % active, then paused, in training and withdrawn, 5 % each."""
    if number % 20 >= 3:
        return Status.ACTIVE
    return [Status.PAUSED, Status.IN_TRAINING, Status.WITHDRAWN][number % 20]


def seed_peers(count, sites, departments, rng):
    """`count` peers; the active ones ready for the directory. Returns the peer records."""
    users = seed_users(count, "peer")
    peers = []
    for number, user in enumerate(users):
        department = rng.choice(departments)
        name = f"{user.first_name} {user.last_name} {number}"
        peers.append(
            PeerSupporter(
                user=user,
                display_name=name,
                search_name=fold(name),
                profession=rng.choice(Profession.values),
                department=department,
                site=department_site(department, sites),
                status=peer_status(number),
                phone_extension=f"{40000 + number}",
                work_email=user.email,
                joined_on=timezone.localdate() - timedelta(days=rng.randrange(30, 1500)),
            )
        )
    PeerSupporter.objects.bulk_create(peers, batch_size=BATCH)
    peers = list(PeerSupporter.objects.filter(user__in=users).order_by("pk"))
    seed_readiness(peers, rng)
    seed_languages(peers, rng)
    seed_hours(peers, sites, rng)
    return peers


def seed_readiness(peers, rng):
    """Initial training and the current charter for all but those in training; supervision
    attended by most, long ago for one in ten (they need attention)."""
    today = timezone.localdate()
    charter = current_charter()
    ready = [peer for peer in peers if peer.status != Status.IN_TRAINING]
    TrainingRecord.objects.bulk_create(
        [
            TrainingRecord(
                peer=peer,
                course="Peer support: listening after an adverse event",
                kind=TrainingRecord.Kind.INITIAL,
                held_on=peer.joined_on,
                duration_minutes=120,
                trainer="Quality and Risk Office",
            )
            for peer in ready
        ],
        batch_size=BATCH,
    )
    if charter is not None:
        CharterSignature.objects.bulk_create(
            [CharterSignature(peer=peer, charter=charter) for peer in ready], batch_size=BATCH
        )
    sessions = SupportSession.objects.bulk_create(
        [
            SupportSession(
                kind=SupportSession.Kind.SUPERVISION,
                held_on=today - timedelta(days=15 * number + 5),
                facilitator="Scale supervision",
            )
            for number in range(48)
        ]
    )
    attendance = []
    for peer in ready:
        recent = 0 if rng.random() > 0.1 else 30  # one in ten: not supervised for long
        for session in rng.sample(sessions[recent : recent + 18], 4):
            attendance.append(Attendance(session=session, peer=peer))
    Attendance.objects.bulk_create(attendance, batch_size=BATCH)


def seed_languages(peers, rng):
    others = [code for code in SpokenLanguage.values if code != "fr"]
    PeerLanguage.objects.bulk_create(
        [
            PeerLanguage(peer=peer, code=code)
            for peer in peers
            for code in ["fr", *rng.sample(others, rng.randrange(0, 3))]
        ],
        batch_size=BATCH,
    )


def seed_hours(peers, sites, rng):
    """A third keep weekday office hours; 2 % are away this week; one peer per site is on
    call from now for a day."""
    today, now = timezone.localdate(), timezone.now()
    AvailabilitySlot.objects.bulk_create(
        [
            AvailabilitySlot(peer=peer, weekday=weekday, starts_at=time(8), ends_at=time(18))
            for peer in peers
            if rng.random() < 1 / 3
            for weekday in range(5)
        ],
        batch_size=BATCH,
    )
    TimeAway.objects.bulk_create(
        [
            TimeAway(peer=peer, first_day=today, last_day=today + timedelta(days=6))
            for peer in peers
            if rng.random() < 0.02
        ],
        batch_size=BATCH,
    )
    on_call = [peer for peer in peers if peer.status == Status.ACTIVE][: len(sites)]
    OnCallShift.objects.bulk_create(
        [
            OnCallShift(site=site, peer=peer, starts_at=now, ends_at=now + timedelta(days=1))
            for site, peer in zip(sites, on_call, strict=False)
        ]
    )
