"""Nothing of the evaluation is in the Django admin: answers are counters that mean nothing
one by one, invitations and participations must stay out of IT support's reach, burden
answers belong to their peer, and pulses and headcounts have their coordinators' pages."""
