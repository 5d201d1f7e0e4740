"""The site rule of matching, in one place: which peers a request may go to by site, and
in which order. Other matching rules (department, profession, language, load) live in
`services.candidate_peers`, which applies this one.

- "a peer at my site": peers of the request's site only;
- "a peer at another site" (more anonymity): peers of other sites only, never in person;
- "either" (the default): any site, the request's own site first.
- Meeting in person implies the same site, whatever the preference says.
A request without a site (the requester's profile names none) has no site rule.

Both parts are database expressions, so that a SQL ranking can use them as they are.
"""

from django.db.models import BooleanField, Case, Q, Value, When

from support_requests.models import ContactMethod, SitePreference


def effective_preference(support_request):
    if support_request.contact_method == ContactMethod.IN_PERSON:
        return SitePreference.SAME
    return support_request.site_preference


def site_filter(support_request):
    """A Q on PeerSupporter: the peers the site preference allows."""
    site_id = support_request.site_id
    if site_id is None:
        return Q()
    preference = effective_preference(support_request)
    if preference == SitePreference.SAME:
        return Q(site_id=site_id)
    if preference == SitePreference.OTHER:
        return ~Q(site_id=site_id) & Q(site__isnull=False)
    return Q()


def other_site(support_request):
    """An expression on PeerSupporter, false for a peer of the request's own site: sort
    ascending on it to put the own site first."""
    if support_request.site_id is None:
        return Value(False, output_field=BooleanField())
    return Case(
        When(site_id=support_request.site_id, then=Value(False)),
        default=Value(True),
        output_field=BooleanField(),
    )


def site_allows(support_request, peer):
    """Whether `peer` passes the site rule (for the coordinator's warnings)."""
    site_id = support_request.site_id
    if site_id is None:
        return True
    preference = effective_preference(support_request)
    if preference == SitePreference.SAME:
        return peer.site_id == site_id
    if preference == SitePreference.OTHER:
        return peer.site_id is not None and peer.site_id != site_id
    return True
