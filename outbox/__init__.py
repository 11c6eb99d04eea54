"""Transactional outbox: Celery tasks are written as rows in the caller's transaction and
relayed to the broker afterwards, so publishing never waits on Redis and never loses a task.

    from outbox.publish import publish
    with transaction.atomic():
        ...                                   # the work
        publish(send_order_notifications, str(group.pk))   # an INSERT, nothing else

- publish.py: the INSERT and the after-commit nudge (one per transaction).
- sender.py:  sending due rows to the broker with short timeouts (claim, send, mark).
- relay.py:   `ocop relay`, the process that sends whatever the nudges did not.
"""
