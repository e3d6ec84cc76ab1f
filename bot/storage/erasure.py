"""After an erasure commits: make SQLite overwrite what the deleted rows held.

Deleting a row leaves its bytes in the file until the page is reused. `PRAGMA secure_delete`
(bot.storage.db.tune_sqlite, on every connection) makes SQLite zero deleted content; in
write-ahead-log mode the zeroed pages go to the -wal file first, and older frames there may still
hold the words. A TRUNCATE checkpoint copies the pages into the database file and empties the
-wal file, so neither file keeps a copy. PostgreSQL keeps dead rows until VACUUM reclaims them,
out of reach of the application's queries; nothing is done here for it.
"""

from __future__ import annotations

import logging
import time

from sqlalchemy.engine import Engine

logger = logging.getLogger(__name__)

# A reader in another process (the staff console, the action server) can hold up a checkpoint
# for a moment: try again briefly before leaving it to the next one.
CHECKPOINT_ATTEMPTS = 5
CHECKPOINT_PAUSE_SECONDS = 0.1


def overwrite_erased_pages(engine: Engine) -> bool:
    """Checkpoint a SQLite file's write-ahead log into it and truncate the log.

    True when the checkpoint completed (always, for other databases). False when another
    connection's open read kept some frames: they are overwritten by a later checkpoint.
    """
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return True
    for attempt in range(CHECKPOINT_ATTEMPTS):
        if attempt:
            time.sleep(CHECKPOINT_PAUSE_SECONDS)
        with engine.connect() as connection:
            busy, _log_frames, _moved = connection.exec_driver_sql(
                "PRAGMA wal_checkpoint(TRUNCATE)"
            ).one()
        if not busy:
            return True
    logger.warning(
        "SQLite checkpoint after an erasure was blocked by a reader; the next one will do"
    )
    return False
