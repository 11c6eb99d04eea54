import uuid

from django.core import signing

from orders.links import group_id_from_token, group_token


def test_it_reads_back_the_group_it_signed() -> None:
    # given
    group_id = uuid.uuid4()
    # when
    token = group_token(group_id)
    # then
    assert group_id_from_token(token) == group_id


def test_it_refuses_a_forged_or_cut_token() -> None:
    # given
    token = group_token(uuid.uuid4())
    # then
    assert group_id_from_token(token[:-2]) is None
    assert group_id_from_token("x" + token) is None
    assert group_id_from_token("") is None


def test_it_refuses_a_token_signed_for_another_purpose() -> None:
    # given: the same value signed with Django's default salt
    other = signing.dumps(str(uuid.uuid4()))
    # then
    assert group_id_from_token(other) is None
