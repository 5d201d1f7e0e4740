"""Demo data of the peer registry, loaded by `seed_demo`. Idempotent."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from organisation.models import Department, Site
from peers.models import (
    Attendance,
    AvailabilitySlot,
    Nomination,
    OnCallShift,
    PeerSupporter,
    Profession,
    RequestedBy,
    Status,
    SupportSession,
    TrainingRecord,
    current_charter,
)
from peers.services import peer_set_languages
from svsupport.lib.demo import demo_user

SITES = ["oncopole", "purpan"]

# username, first, last, profession, department, site index, languages
NAMED_PEERS = [
    ("alice", "Alice", "Martin", Profession.NURSE, "Oncology", 0, ["fr", "en"]),
    ("bob", "Bob", "Bernard", Profession.PHARMACIST, "Pharmacy", 0, ["fr", "en", "es"]),
    ("paul", "Paul", "Dubois", Profession.PHYSICIAN, "Haematology", 1, ["fr"]),
]
MORE_PEERS = [
    ("nadia", "Nadia", "Haddad", Profession.NURSE, "Intensive care", 1, ["fr", "ar"]),
    ("lucas", "Lucas", "Garcia", Profession.RESIDENT, "Surgery", 1, ["fr", "es"]),
    ("ines", "Inès", "Lefèvre", Profession.MIDWIFE, "Maternity", 1, ["fr"]),
    ("hugo", "Hugo", "Roux", Profession.TECHNICIAN, "Radiotherapy", 0, ["fr", "en"]),
    ("chloe", "Chloé", "Fournier", Profession.NURSING_ASSISTANT, "Oncology", 0, ["fr"]),
    ("malik", "Malik", "Benali", Profession.PHYSICIAN, "Emergency", 1, ["fr", "ar", "en"]),
    ("sophie", "Sophie", "Girard", Profession.PSYCHOLOGIST, "Palliative care", 0, ["fr", "en"]),
    ("julien", "Julien", "Bonnet", Profession.ADMINISTRATIVE, "Admissions", 0, ["fr"]),
    ("emma", "Emma", "Lambert", Profession.MANAGER, "Nursing management", 1, ["fr", "en"]),
    ("pierre", "Pierre", "Fontaine", Profession.PHARMACIST, "Pharmacy", 1, ["fr", "it"]),
    ("lea", "Léa", "Rousseau", Profession.NURSE, "Paediatrics", 1, ["fr", "pt"]),
    ("thomas", "Thomas", "Vincent", Profession.TECHNICIAN, "Laboratory", 0, ["fr", "de"]),
    ("camille", "Camille", "Muller", Profession.NURSE, "Surgery", 1, ["fr", "de", "en"]),
    ("antoine", "Antoine", "Lefebvre", Profession.PHYSICIAN, "Oncology", 0, ["fr", "en"]),
    ("manon", "Manon", "Mercier", Profession.NURSING_ASSISTANT, "Geriatrics", 1, ["fr", "oc"]),
    ("karim", "Karim", "Saidi", Profession.NURSE, "Emergency", 1, ["fr", "ar"]),
    ("jeanne", "Jeanne", "Blanc", Profession.OTHER, "Social work", 0, ["fr", "fsl"]),
    ("marc", "Marc", "Guerin", Profession.RESIDENT, "Haematology", 0, ["fr", "en"]),
    ("sarah", "Sarah", "Cohen", Profession.MIDWIFE, "Maternity", 1, ["fr", "en"]),
    ("olivier", "Olivier", "Chevalier", Profession.TECHNICIAN, "Radiology", 1, ["fr"]),
]
CANDIDATE = ("tina", "Tina", "Morel", Profession.NURSE, "Radiotherapy", 0, ["fr", "en"])
NOMINEES = [("erin", "Erin", "Leroy"), ("dan", "Dan", "Richard")]


def seed():
    """Creates the demo peers, their training and supervision, and two nominations.
    Returns the number of peer records created."""
    today = timezone.localdate()
    charter = current_charter()
    sessions = demo_sessions(today)
    created = 0
    for row in NAMED_PEERS + MORE_PEERS:
        peer, is_new = demo_peer(*row, today=today)
        created += is_new
        if is_new:
            make_ready(peer, charter, today)
            for session in sessions[: 1 + peer.pk % 3]:
                Attendance.objects.get_or_create(session=session, peer=peer)
    paul = PeerSupporter.objects.get(user__username="paul")
    if paul.status == Status.ACTIVE:
        paul.change_status(
            Status.PAUSED,
            by=paul.user,
            requested_by=RequestedBy.PEER,
            reason="",
            paused_until=today + timedelta(days=21),
        )
    tina, is_new = demo_peer(*CANDIDATE, today=today, status=Status.IN_TRAINING)
    created += is_new
    demo_nominations()
    demo_availability(today)
    return created


# (note, weekdays, start hour, end hour): the peers take these in turn, alice the first.
PATTERNS = [
    ("Weekdays, day shifts", range(5), 8, 17),
    ("Early shifts, Monday to Friday", range(5), 7, 15),
    ("Afternoons and evenings", range(5), 13, 21),
    ("Monday, Wednesday and Thursday", [0, 2, 3], 9, 18),
    ("Weekends", [5, 6], 9, 19),
]
ON_CALL_DAYS = 14


def demo_availability(today):
    """Varied weekly hours for the published peers, and for each site an on-call rota of the
    next ON_CALL_DAYS nights (20:00 to 08:00) and weekend days, the peers of the site in
    turn (bob is on call at the Oncopole tonight). Only once: nothing when hours exist."""
    if AvailabilitySlot.objects.exists():
        return
    peers = list(PeerSupporter.objects.published().order_by("pk"))
    for index, peer in enumerate(peers):
        note, days, start, end = PATTERNS[index % len(PATTERNS)]
        for day in days:
            AvailabilitySlot.objects.create(
                peer=peer, weekday=day, starts_at=time(start), ends_at=time(end)
            )
        peer.availability_note = note
        peer.save(update_fields=["availability_note"])
    for code in SITES:
        site = Site.objects.resolve(code)
        rota = [peer for peer in peers if peer.site_id == site.pk]
        rota.sort(key=lambda peer: peer.user.username != "bob")
        for offset in range(ON_CALL_DAYS):
            day = today + timedelta(days=offset)
            evening = timezone.make_aware(datetime.combine(day, time(20)))
            shifts = [(evening, evening + timedelta(hours=12))]
            if day.weekday() >= 5:
                shifts.append((evening - timedelta(hours=12), evening))
            for number, (start, end) in enumerate(shifts):
                peer = rota[(offset + number) % len(rota)]
                OnCallShift.objects.create(site=site, peer=peer, starts_at=start, ends_at=end)


def demo_peer(username, first, last, profession, department, site, languages, *, today, **extra):
    user, _ = demo_user(username, first, last)
    peer, created = PeerSupporter.objects.get_or_create(
        user=user,
        defaults={
            "display_name": f"{first} {last}",
            "profession": profession,
            "department": Department.objects.resolve(department),
            "site": Site.objects.resolve(SITES[site]),
            "phone_extension": f"5{sum(map(ord, username)) % 900 + 100}",
            "work_email": f"{username}@demo.invalid",
            "joined_on": today - timedelta(days=400),
            "works_at_institution": True,
            "is_volunteer": True,
            "lived_risk_situation": True,
            "can_draw_on_experience": True,
            "eligibility_attested_at": timezone.now() - timedelta(days=400),
            **extra,
        },
    )
    if created:
        peer_set_languages(peer=peer, codes=languages)
    return peer, created


def make_ready(peer, charter, today):
    TrainingRecord.objects.create(
        peer=peer,
        course="Peer support: listening after an adverse event",
        kind=TrainingRecord.Kind.INITIAL,
        held_on=today - timedelta(days=380),
        duration_minutes=120,
        trainer="Quality and Risk Office",
    )
    peer.sign_charter(charter)
    peer.status = Status.ACTIVE
    peer.save(update_fields=["status"])


def demo_sessions(today):
    plan = [
        (SupportSession.Kind.SUPERVISION, 20, "Dr Claire Perrin, psychologist"),
        (SupportSession.Kind.MENTORING, 45, "Quinn Moreau"),
        (SupportSession.Kind.COMMUNITY, 80, "Quality and Risk Office"),
    ]
    return [
        SupportSession.objects.get_or_create(
            kind=kind, held_on=today - timedelta(days=days_ago), facilitator=facilitator
        )[0]
        for kind, days_ago, facilitator in plan
    ]


def demo_nominations():
    erin, _ = demo_user(*NOMINEES[0])
    dan, _ = demo_user(*NOMINEES[1])
    alice = PeerSupporter.objects.get(user__username="alice")
    bob = PeerSupporter.objects.get(user__username="bob")
    Nomination.objects.get_or_create(
        nominee=erin,
        defaults={
            "nominator": bob,
            "profession": Profession.NURSE,
            "department": "Day hospital",
            "motivation": "Calm, trusted by the whole team, has been through a hard event.",
            "state": Nomination.State.AWAITING_COORDINATORS,
            "answered_at": timezone.now(),
            "works_at_institution": True,
            "is_volunteer": True,
            "lived_risk_situation": True,
            "can_draw_on_experience": True,
        },
    )
    Nomination.objects.get_or_create(
        nominee=dan,
        defaults={
            "nominator": alice,
            "profession": Profession.PHYSICIAN,
            "department": "Surgery",
            "motivation": "Listens well and knows how hard a complication can be.",
        },
    )
