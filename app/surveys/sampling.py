"""Which customers a template's sample takes: a pure, deterministic draw.

A customer's draw is a number from 0 to 99 derived from the template's slug and the customer's
id, so the same customer gets the same decision every time and for every version of the
template, and raising a template's share only adds customers (nobody drawn in at 10 % is left
out at 20 %). Different templates draw independently.
"""

import hashlib
import uuid

FULL_SAMPLE = 100


def sample_draw(customer_id: uuid.UUID, template_slug: str) -> int:
    """The customer's draw for this template, 0 to 99, uniformly distributed over customers."""
    digest = hashlib.sha256(f"{template_slug}\x00{customer_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % FULL_SAMPLE


def in_sample(customer_id: uuid.UUID, template_slug: str, sample_percent: int) -> bool:
    """Whether a template inviting `sample_percent` % of its eligible customers takes this one."""
    return sample_percent >= FULL_SAMPLE or sample_draw(customer_id, template_slug) < sample_percent
