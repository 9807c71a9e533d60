import time
import uuid
from datetime import UTC, datetime

from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

SINGLETON = 1


def fresh_token():
    # Time-ordered so versions sort roughly by age; the random tail keeps concurrent bumps apart.
    return f"{time.time_ns():x}-{uuid.uuid4().hex[:8]}"


class DataVersion(models.Model):
    """One row whose token changes with every edit of the guide's data.

    It lives in the database, not in a worker's memory or a local cache, so every worker of every app server
    agrees on it; and it is bumped inside the editing transaction, so the new token becomes visible in the
    same commit as the new rows — a reader can never pair the new token with the old data.
    """

    token = models.CharField(max_length=40)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = verbose_name_plural = "数据版本"

    def __str__(self):
        return self.token

    @classmethod
    def current(cls):
        """(token, changed_at) in one primary-key query."""
        row = cls.objects.filter(pk=SINGLETON).values_list("token", "changed_at").first()
        if row is None:
            # A flushed test database or a fresh table: start a version rather than fail the read.
            row = (fresh_token(), timezone.now())
            try:
                with transaction.atomic():
                    cls.objects.create(pk=SINGLETON, token=row[0], changed_at=row[1])
            except IntegrityError:
                return cls.current()
        return row

    @classmethod
    def current_token(cls):
        """The token alone, read on every request: plain SQL, because compiling the ORM query costs more than
        running it."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT token FROM {cls._meta.db_table} WHERE id = %s", [SINGLETON])
            row = cursor.fetchone()
        return row[0] if row else cls.current()[0]

    @staticmethod
    def time_of(token):
        """When a token was made (None for a token this site did not make): a link that records the version it
        was made with can so ask what changed after it."""
        stamp, _, tail = str(token).partition("-")
        try:
            nanoseconds = int(stamp, 16)
        except ValueError:
            return None
        if len(tail) != 8 or not 0 < nanoseconds < 2**63:
            return None
        return datetime.fromtimestamp(nanoseconds // 1000 / 1_000_000, tz=UTC)

    @classmethod
    def bump(cls):
        token, now = fresh_token(), timezone.now()
        if not cls.objects.filter(pk=SINGLETON).update(token=token, changed_at=now):
            cls.objects.get_or_create(pk=SINGLETON, defaults={"token": token, "changed_at": now})
        return token
