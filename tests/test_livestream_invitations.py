"""A seller's answer to a livestream invitation (`livestream.invitations`): agree or decline,
change its mind until the session ends; declining withdraws the permission to offer."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from core.errors import FieldError, ValidationErrors
from livestream.invitations import do_agree, do_decline
from livestream.models import LivestreamSeller
from livestream.offers import do_create_offer
from tests import factories


def _refused(call: Any, *args: Any) -> FieldError:
    with pytest.raises(ValidationErrors) as caught:
        call(*args)
    return caught.value.errors[0]


def _invited(status: str = "scheduled") -> tuple[Any, Any, Any]:
    """A session inviting a stall that has not answered; the stall and its owner."""
    owner = factories.user()
    seller = factories.seller(owner=owner)
    session = factories.livestream(sellers=(seller,), status=status)
    LivestreamSeller.objects.filter(livestream=session).update(agreed_at=None, agreed_by=None)
    return session, seller, owner


def _answer(session: Any) -> tuple[Any, ...]:
    row = LivestreamSeller.objects.get(livestream=session)
    return (
        row.agreed_at is not None,
        row.agreed_by_id,
        row.declined_at is not None,
        row.declined_by_id,
    )


def test_it_records_who_agreed_and_who_declined(db: Any) -> None:
    # given an unanswered invitation
    session, seller, owner = _invited()
    # when the owner agrees, then it is recorded who did
    do_agree(owner, session.pk, seller.pk)
    assert _answer(session) == (True, owner.pk, False, None)
    # when they change their mind and decline, the agreement is withdrawn
    do_decline(owner, session.pk, seller.pk)
    assert _answer(session) == (False, None, True, owner.pk)
    # and they may agree again while the session has not ended
    do_agree(owner, session.pk, seller.pk)
    assert _answer(session) == (True, owner.pk, False, None)


def test_it_keeps_the_first_answer_when_answered_twice(db: Any) -> None:
    # given an invitation declined at a known time
    session, seller, owner = _invited()
    first = datetime.datetime(2026, 12, 1, 3, 0, tzinfo=datetime.UTC)
    do_decline(owner, session.pk, seller.pk, now=first)
    # when declined again later
    do_decline(owner, session.pk, seller.pk, now=first + datetime.timedelta(hours=1))
    # then the first answer stands
    assert LivestreamSeller.objects.get(livestream=session).declined_at == first


def test_it_lets_only_the_invited_stalls_members_answer(db: Any) -> None:
    # given an invitation, a stranger, the host, and another stall's owner
    session, seller, _ = _invited()
    stranger = factories.user()
    other_owner = factories.user()
    other = factories.seller(owner=other_owner)
    for action in (do_agree, do_decline):
        # then neither the stranger nor the host may answer for the stall
        assert _refused(action, stranger, session.pk, seller.pk).code == ("PERMISSION_DENIED")
        assert _refused(action, session.host, session.pk, seller.pk).code == ("PERMISSION_DENIED")
        # and a stall that was not invited gets SELLER_NOT_INVITED
        assert _refused(action, other_owner, session.pk, other.pk).code == ("SELLER_NOT_INVITED")
    # and nothing was answered
    assert _answer(session) == (False, None, False, None)


@pytest.mark.parametrize("status", ["ended", "canceled"])
def test_it_refuses_answers_once_the_session_is_over(db: Any, status: str) -> None:
    # given an unanswered invitation to a session that is over
    session, seller, owner = _invited(status=status)
    # then neither answer is possible
    for action in (do_agree, do_decline):
        error = _refused(action, owner, session.pk, seller.pk)
        assert error.code == "INVALID_STATUS"
        assert error.message == ("Phiên đã kết thúc hoặc đã hủy; không thể trả lời lời mời nữa.")
    assert _answer(session) == (False, None, False, None)


def test_it_withdraws_the_permission_to_offer_when_declining(db: Any) -> None:
    # given a stall that agreed to a scheduled session, and one of its products
    session, seller, owner = _invited()
    product = factories.product(owner=seller, stock=20, price=100_000)
    do_agree(owner, session.pk, seller.pk)
    # when it declines
    do_decline(owner, session.pk, seller.pk)
    # then its product can no longer be offered in the session
    with pytest.raises(ValidationErrors) as caught:
        do_create_offer(
            owner,
            session.pk,
            variant_id=product.variants.get().pk,
            channel=factories.channel(),
            live_price=50_000,
            quantity_cap=5,
            per_buyer_limit=1,
        )
    error = caught.value.errors[0]
    assert error.code == "SELLER_NOT_AGREED"


def test_it_refuses_to_decline_while_the_stalls_goods_are_on_offer(db: Any) -> None:
    # given a stall that agreed and has an offer in the session
    session, seller, owner = _invited()
    do_agree(owner, session.pk, seller.pk)
    factories.live_offer(session, factories.product(owner=seller, stock=20, price=100_000))
    # when it declines, then it must have the offer removed first, and stays agreed
    assert _refused(do_decline, owner, session.pk, seller.pk).code == "SELLER_HAS_OFFERS"
    assert _answer(session) == (True, owner.pk, False, None)
