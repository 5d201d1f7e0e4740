"""The site rule of matching, in one place: which peers a request may go to by site, and
in which order. The other rules of matching live in `matching.py`, which applies this one and
puts the request's own site first.

- "a peer at my site": peers of the request's site only;
- "a peer at another site" (more anonymity): peers of other sites only, never in person;
- "either" (the default): any site, the request's own site first.
- Meeting in person implies the same site, whatever the preference says.
A request without a site (the requester's profile names none) has no site rule.
"""

from support_requests.models import ContactMethod, SitePreference


def effective_preference(support_request):
    if support_request.contact_method == ContactMethod.IN_PERSON:
        return SitePreference.SAME
    return support_request.site_preference


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
