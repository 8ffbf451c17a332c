"""The connection to the store: one SQLAlchemy engine per database URL, the schema brought up to
date by the Alembic migrations, and write transactions that take their turn.

`ensure_schema()` at the start of the app (and of each `users`/`db` command) creates the SQLite
file or upgrades the database; `writing(engine)` is the transaction every write goes through.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, exc, text
from sqlalchemy.engine import URL, make_url

from ttx_data.store.errors import StoreError
from ttx_data.store.settings import DATABASE_URL_ENV, VAR_DIR, database_url, var_dir

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 5000
"""How long a SQLite write waits for another one to finish before giving up."""

_log = logging.getLogger(__name__)
_engines: dict[str, Engine] = {}
_upgraded: set[str] = set()
_lock = threading.Lock()

_EXAMPLES = "sqlite:///var/ttx.sqlite3, postgresql+psycopg://ttx@localhost:5432/ttx"


def _bad_url(vi: str, en: str) -> StoreError:
    return StoreError(
        f"{DATABASE_URL_ENV} không dùng được: {vi}. Ví dụ: {_EXAMPLES}",
        f"{DATABASE_URL_ENV} cannot be used: {en}. Examples: {_EXAMPLES}",
    )


def parse_url(url: str | None = None) -> URL:
    """The database URL (the setting when not given), checked: SQLite or PostgreSQL through
    psycopg 3 (`postgresql://` is read as `postgresql+psycopg://`)."""
    text_url = database_url() if url is None else url
    try:
        parsed = make_url(text_url)
    except exc.ArgumentError:
        raise _bad_url(
            "đây không phải địa chỉ cơ sở dữ liệu", "this is not a database URL"
        ) from None
    backend = parsed.get_backend_name()
    if backend == "postgres":
        backend = "postgresql"
    if backend == "postgresql" and "+" not in parsed.drivername:
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif backend == "postgresql" and parsed.get_driver_name() != "psycopg":
        raise _bad_url(
            f"trình điều khiển {parsed.get_driver_name()!r} chưa cài; dùng postgresql+psycopg",
            f"driver {parsed.get_driver_name()!r} is not installed; use postgresql+psycopg",
        )
    elif backend == "sqlite" and parsed.get_driver_name() not in ("pysqlite", ""):
        raise _bad_url(
            f"trình điều khiển {parsed.get_driver_name()!r} chưa cài; dùng sqlite:///",
            f"driver {parsed.get_driver_name()!r} is not installed; use sqlite:///",
        )
    elif backend not in ("sqlite", "postgresql"):
        raise _bad_url(
            f"chỉ hỗ trợ SQLite và PostgreSQL, không hỗ trợ {backend!r}",
            f"only SQLite and PostgreSQL are supported, not {backend!r}",
        )
    return parsed


def shown(url: URL) -> str:
    """The URL as it may be shown or logged: without its password."""
    return url.render_as_string(hide_password=True)


def _sqlite_folder(url: URL) -> None:
    """The folder of a SQLite file must exist; the default `var/` is made on first use."""
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return
    folder = Path(database).resolve().parent
    if folder == VAR_DIR:
        var_dir()
    if not folder.is_dir():
        raise StoreError(
            f"Không có thư mục {folder} cho tệp cơ sở dữ liệu SQLite; hãy tạo thư mục đó hoặc"
            f" sửa {DATABASE_URL_ENV}",
            f"The folder {folder} for the SQLite database file does not exist; create it or"
            f" correct {DATABASE_URL_ENV}",
        )


def _configure_sqlite(engine: Engine) -> None:
    """WAL (readers never wait for a writer), foreign keys enforced, a busy wait instead of an
    immediate "database is locked"; and BEGIN issued by us, so that `writing` can take the write
    lock at its start (BEGIN IMMEDIATE) rather than failing midway when another writer won."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        immediate = connection.get_execution_options().get("ttx_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def engine(url: str | None = None) -> Engine:
    """The engine for `url` (default: the `TTX_DATABASE_URL` setting), made once per URL.

    Errors hide SQL parameters (`hide_parameters`), so a password hash never reaches a log."""
    parsed = parse_url(url)
    key = parsed.render_as_string(hide_password=False)
    with _lock:
        found = _engines.get(key)
        if found is not None:
            return found
        if parsed.get_backend_name() == "sqlite":
            _sqlite_folder(parsed)
            made = create_engine(parsed, hide_parameters=True)
            _configure_sqlite(made)
        else:
            made = create_engine(
                parsed,
                hide_parameters=True,
                pool_pre_ping=True,
                connect_args={"connect_timeout": 10},
            )
        _engines[key] = made
        return made


def dispose_engines() -> None:
    """Close every engine's connections and forget them (tests; a server shutting down)."""
    with _lock:
        for made in _engines.values():
            made.dispose()
        _engines.clear()
        _upgraded.clear()


def unreachable(error: exc.DBAPIError, made: Engine) -> StoreError:
    """A database error that is not the caller's fault, said without the password."""
    _log.warning("database %s: %s", shown(made.url), error)
    where = shown(made.url)
    return StoreError(
        f"Không kết nối hoặc không ghi được cơ sở dữ liệu {where}; hãy thử lại, hoặc báo quản trị"
        f" viên kiểm tra máy chủ cơ sở dữ liệu và {DATABASE_URL_ENV}",
        f"Cannot connect to or write the database {where}; try again, or ask the administrator"
        f" to check the database server and {DATABASE_URL_ENV}",
    )


@contextmanager
def writing(made: Engine) -> Iterator[Connection]:
    """A connection in a write transaction, committed at the end, rolled back on an error.

    On SQLite the transaction takes the database's write lock when it starts (BEGIN IMMEDIATE,
    waiting up to the busy timeout), so a transaction that reads then writes cannot lose a race
    midway; on PostgreSQL it is an ordinary transaction. A connection failure becomes StoreError;
    constraint violations (IntegrityError) pass through for the caller to explain."""
    try:
        with made.connect() as connection:
            connection.execution_options(ttx_write=True)
            with connection.begin():
                yield connection
    except (exc.OperationalError, exc.InterfaceError) as error:
        raise unreachable(error, made) from error


@contextmanager
def reading(made: Engine) -> Iterator[Connection]:
    """A connection in a read transaction (one consistent view); connection failures become
    StoreError."""
    try:
        with made.connect() as connection, connection.begin():
            yield connection
    except (exc.OperationalError, exc.InterfaceError) as error:
        raise unreachable(error, made) from error


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration for the store's migrations (no alembic.ini), working from any
    directory; with `connection`, the migrations run on it."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(url: str | None = None, revision: str = "head") -> None:
    """Create or upgrade the schema to `revision` (Alembic `upgrade head`), in one transaction.

    Two processes upgrading at once take turns (SQLite: the write lock; PostgreSQL: an advisory
    lock), so the second finds the schema already made."""
    made = engine(url)
    with writing(made) as connection:
        if made.dialect.name == "postgresql":  # the one lock SQLite's BEGIN IMMEDIATE gives
            connection.execute(text("SELECT pg_advisory_xact_lock(hashtext('ttx_data.store'))"))
        command.upgrade(alembic_config(connection), revision)


def downgrade(url: str | None = None, revision: str = "base") -> None:
    """Undo the migrations down to `revision` (empties the database at "base")."""
    made = engine(url)
    with writing(made) as connection:
        command.downgrade(alembic_config(connection), revision)
    with _lock:
        _upgraded.discard(made.url.render_as_string(hide_password=False))


def ensure_schema(url: str | None = None) -> Engine:
    """The engine, its schema upgraded once in this process (the app calls it at start)."""
    made = engine(url)
    key = made.url.render_as_string(hide_password=False)
    if key not in _upgraded:
        upgrade(url)
        with _lock:
            _upgraded.add(key)
    return made
